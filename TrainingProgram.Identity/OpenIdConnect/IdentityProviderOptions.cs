using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>Configuration section <c>Identity</c>; appsettings.json holds the defaults, the AppHost the secrets.</summary>
public sealed class IdentityProviderOptions
{
    public const string SectionName = "Identity";

    /// <summary>
    /// The <c>iss</c> of every token and the discovery document's issuer. The AppHost sets it to this service's
    /// own http endpoint, the address the other services and the tests use; unset, the request's host is used.
    /// </summary>
    public Uri? Issuer { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a redeemed refresh token may be used again (for clients that refresh twice at once). Zero: a second
    /// use is taken for a stolen token and revokes every token of that sign-in (docs/identity.md).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    public CertificateFile? SigningCertificate { get; set; }

    public CertificateFile? EncryptionCertificate { get; set; }

    public ClientsOptions Clients { get; set; } = new();

    public DevelopmentAccountsOptions DevelopmentAccounts { get; set; } = new();

    /// <summary>A PKCS #12 (.pfx) file with its private key.</summary>
    public sealed class CertificateFile
    {
        public string? Path { get; set; }

        public string? Password { get; set; }
    }

    public sealed class ClientsOptions
    {
        public WebClientOptions Web { get; set; } = new();

        public OperationsClientOptions Operations { get; set; } = new();
    }

    public sealed class WebClientOptions
    {
        /// <summary>
        /// Where the public client <c>trainingprogram-web</c> may receive codes, compared exactly (port included)
        /// unless <see cref="AllowLoopbackAnyPort"/> is set.
        /// </summary>
        public string[] RedirectUris { get; set; } = [];

        public string[] PostLogoutRedirectUris { get; set; } = [];

        /// <summary>
        /// Registers the client as a native application, so that a loopback redirect URI without a port accepts any
        /// port (RFC 8252, section 7.3). Off by default: then a signed-in person's code goes to the registered URIs only,
        /// not to whatever listens on another port of the machine.
        /// </summary>
        public bool AllowLoopbackAnyPort { get; set; }

        /// <summary>
        /// Origins (scheme, host and port) of Scalar references that sign in with this client, such as the Enrollment
        /// API's (the AppHost sets it). Each adds the redirect URIs <c>/scalar/</c> and <c>/scalar/v1</c>, the
        /// post-logout URI <c>/scalar/</c>, and the origin to those that may call the token endpoint (CORS).
        /// </summary>
        public string[] ApiReferenceOrigins { get; set; } = [];
    }

    public sealed class OperationsClientOptions
    {
        /// <summary>The secret of the confidential client <c>trainingprogram-operations</c> (AppHost parameter operations-client-secret).</summary>
        public string? Secret { get; set; }
    }

    /// <summary>Passwords of the accounts seeded in Development (AppHost parameters registrar-password and student-password).</summary>
    public sealed class DevelopmentAccountsOptions
    {
        public string? RegistrarPassword { get; set; }

        public string? StudentPassword { get; set; }
    }
}
