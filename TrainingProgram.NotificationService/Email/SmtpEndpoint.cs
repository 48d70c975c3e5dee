using System.Data.Common;

namespace TrainingProgram.NotificationService.Email;

/// <summary>Where the SMTP server listens, read from the <c>mail</c> connection string: <c>Endpoint=smtp://host:port</c>.</summary>
internal sealed record SmtpEndpoint(string Host, int Port)
{
    public const int DefaultPort = 25;

    /// <summary>Accepts <c>Endpoint=smtp://host:port</c> or a bare <c>smtp://host:port</c>; the port defaults to 25.</summary>
    public static SmtpEndpoint Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new FormatException("The mail connection string is empty; expected Endpoint=smtp://host:port.");
        }

        var endpoint = connectionString.Trim();
        if (!endpoint.StartsWith("smtp://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var builder = new DbConnectionStringBuilder { ConnectionString = endpoint };
                endpoint = builder.TryGetValue("Endpoint", out var value) && value is string text ? text : "";
            }
            catch (ArgumentException)
            {
                endpoint = "";
            }
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Scheme, "smtp", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"The mail connection string '{connectionString}' is not Endpoint=smtp://host:port.");
        }

        return new SmtpEndpoint(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
    }
}
