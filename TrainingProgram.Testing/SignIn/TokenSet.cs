using System.Text.Json.Serialization;

namespace TrainingProgram.Testing.SignIn;

/// <summary>A token endpoint's answer (RFC 6749, section 5.1).</summary>
/// <param name="AccessToken">The bearer token the services accept.</param>
/// <param name="TokenType">"Bearer".</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
/// <param name="RefreshToken">Present when the scope asked for offline_access.</param>
/// <param name="IdToken">Present when the scope asked for openid.</param>
/// <param name="Scope">The scopes granted.</param>
public sealed record TokenSet(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("scope")] string? Scope);
