using System.Data.Common;

namespace TrainingProgram.Benchmarks.WolverinePeer.Notifications;

/// <summary>Where the SMTP server listens, from the <c>mail</c> connection string: <c>Endpoint=smtp://host:port</c>.</summary>
public sealed record SmtpEndpoint(string Host, int Port)
{
    public const string ConnectionName = "mail";

    public static SmtpEndpoint Parse(string? connectionString)
    {
        var settings = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (settings.TryGetValue("Endpoint", out var endpoint)
            && Uri.TryCreate(endpoint as string, UriKind.Absolute, out var uri)
            && uri.Scheme == "smtp")
        {
            return new SmtpEndpoint(uri.Host, uri.Port > 0 ? uri.Port : 25);
        }

        throw new FormatException($"The connection string '{ConnectionName}' must be Endpoint=smtp://host:port.");
    }
}
