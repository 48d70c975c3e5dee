using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.EnrollmentApi.ApiDocument;

/// <summary>
/// How the OpenAPI document and the Scalar reference sign in, section "ApiReference". The defaults are the
/// identity provider of this repository (docs/identity.md); another provider has its own client id and scope names.
/// </summary>
public sealed class ApiDocumentOptions
{
    public const string Section = "ApiReference";

    /// <summary>The public client (authorization code + PKCE) Scalar signs in with.</summary>
    [Required]
    public string ClientId { get; set; } = "trainingprogram-web";

    /// <summary>The scope whose tokens carry this API's audience; every operation requires it.</summary>
    [Required]
    public string Scope { get; set; } = "enrollments";
}
