using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>
/// The development certificates sit unprotected in the user's certificate store, so anyone with that file can
/// sign tokens. Fine on a developer's loopback; on an address other machines reach, the log (and the dashboard's
/// structured logs) says so at Warning level, at every start.
/// </summary>
public static partial class DevelopmentKeysWarning
{
    public static WebApplication WarnWhenDevelopmentKeysAreReachable(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<IdentityProviderOptions>>().Value;
        if (!ServerKeys.UsesDevelopmentCertificates(options))
        {
            return app;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var reachable = NotLoopback([.. addresses, .. options.Issuer is null ? Array.Empty<string>() : [options.Issuer.AbsoluteUri]]);
            if (reachable.Count > 0)
            {
                LogReachable(app.Logger, string.Join(", ", reachable), ServerKeys.SigningCertificateKey, ServerKeys.EncryptionCertificateKey);
            }
        });
        return app;
    }

    /// <summary>The addresses (Kestrel's listen URLs or the issuer) that other machines may reach.</summary>
    public static IReadOnlyList<string> NotLoopback(IEnumerable<string> addresses) =>
        [.. addresses.Where(address => !IsLoopback(address))];

    private static bool IsLoopback(string address)
    {
        // Kestrel writes "any address" as http://+:80, http://*:80, http://0.0.0.0:80 or http://[::]:80.
        if (!Uri.TryCreate(address.Replace("://+", "://any.invalid", StringComparison.Ordinal).Replace("://*", "://any.invalid", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "The identity service signs tokens with the Development certificates, and is reachable at {Addresses}, not only on loopback: " +
        "anyone who can read this machine's certificate store can forge tokens. Set {SigningKey} and {EncryptionKey} to certificates of your own.")]
    private static partial void LogReachable(ILogger logger, string addresses, string signingKey, string encryptionKey);
}
