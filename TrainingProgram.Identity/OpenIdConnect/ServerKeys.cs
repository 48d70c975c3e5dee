using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>
/// The keys that sign tokens (published in the JWKS) and encrypt what only this server reads (codes, refresh
/// tokens). Configured certificates when set; otherwise, in Development only, OpenIddict's development certificates.
/// </summary>
public static class ServerKeys
{
    public const string SigningCertificateKey = IdentityProviderOptions.SectionName + ":SigningCertificate";
    public const string EncryptionCertificateKey = IdentityProviderOptions.SectionName + ":EncryptionCertificate";

    /// <summary>Any fixed name: every identity process on this machine takes this lock to create or load the development certificates.</summary>
    private const string DevelopmentCertificatesLock = @"Global\TrainingProgram.Identity.DevelopmentCertificates";

    /// <summary>True when no certificate is configured, so that Development runs on OpenIddict's development certificates.</summary>
    public static bool UsesDevelopmentCertificates(IdentityProviderOptions options) =>
        options.SigningCertificate?.Path is not { Length: > 0 } && options.EncryptionCertificate?.Path is not { Length: > 0 };

    public static OpenIddictServerBuilder AddServerKeys(this OpenIddictServerBuilder server, IdentityProviderOptions options, IHostEnvironment environment)
    {
        if (!UsesDevelopmentCertificates(options))
        {
            return server
                .AddSigningCertificate(Load(options.SigningCertificate, SigningCertificateKey))
                .AddEncryptionCertificate(Load(options.EncryptionCertificate, EncryptionCertificateKey));
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"The identity service has no signing or encryption certificate. Outside Development, set {SigningCertificateKey}:Path " +
                $"and {SigningCertificateKey}:Password, and {EncryptionCertificateKey}:Path and {EncryptionCertificateKey}:Password, " +
                "to PKCS #12 (.pfx) files with their private keys (environment variables Identity__SigningCertificate__Path, ...).");
        }

        // Kept in the current user's certificate store (on Linux, ~/.dotnet/corefx/cryptography/x509stores/my) and
        // valid for two years, so tokens outlive a restart and every replica on this machine uses the same keys.
        return server.AddDevelopmentSigningCertificate().AddDevelopmentEncryptionCertificate();
    }

    /// <summary>
    /// OpenIddict creates a missing development certificate the first time its options are read. Two replicas
    /// starting together would each create their own, and tokens from one would fail on the other; reading the
    /// options once under a machine-wide lock lets the first create them and the others load the same ones.
    /// </summary>
    public static WebApplication LoadServerKeys(this WebApplication app)
    {
        using var machineLock = new Mutex(initiallyOwned: false, DevelopmentCertificatesLock);
        try
        {
            if (!machineLock.WaitOne(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"Another identity process held '{DevelopmentCertificatesLock}' for 30 s.");
            }
        }
        catch (AbandonedMutexException)
        {
            // A process that died holding the lock; the lock is ours now and the store is as it left it.
        }

        try
        {
            _ = app.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;
        }
        finally
        {
            machineLock.ReleaseMutex();
        }

        return app;
    }

    private static X509Certificate2 Load(IdentityProviderOptions.CertificateFile? file, string key)
    {
        if (file?.Path is not { Length: > 0 } path)
        {
            throw new InvalidOperationException($"Set {key}:Path (and {key}:Password) to a PKCS #12 (.pfx) file with its private key.");
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, file.Password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"{key}:Path '{path}' could not be read as a PKCS #12 file with {key}:Password: {ex.Message}", ex);
        }
    }
}
