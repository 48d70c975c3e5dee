using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Security;

/// <summary>Only tokens the identity provider signed, for this service, still in their lifetime, are accepted.</summary>
public sealed class TokenValidationTests(TrainingProgramApp app)
{
    [Fact]
    public async Task A_registrar_token_is_accepted_by_both_services()
    {
        var token = await app.Identity.GetRegistrarTokenAsync();

        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(ResourceNames.EnrollmentApi, "/students", token));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(ResourceNames.NotificationService, $"/notifications?enrollmentId={Guid.NewGuid()}", token));
    }

    [Fact]
    public async Task A_token_with_a_tampered_signature_or_claims_is_401()
    {
        var token = await app.Identity.GetRegistrarTokenAsync();
        var parts = token.Split('.');
        var flippedSignature = string.Join('.', parts[0], parts[1], (parts[2][0] == 'A' ? 'B' : 'A') + parts[2][1..]);
        var otherClaims = string.Join('.', parts[0], Base64UrlEncoder.Encode("""{"sub":"mallory","role":"registrar"}"""), parts[2]);

        await AssertRefusedAsync(flippedSignature);
        await AssertRefusedAsync(otherClaims);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_even_naming_our_issuer_is_401()
    {
        using var rsa = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = app.Identity.Authority.ToString(),
            Audience = "enrollment-api",
            Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("role", "registrar")]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "forged" }, SecurityAlgorithms.RsaSha256),
        });
        var unsigned = new JsonWebTokenHandler().CreateToken(
            """{"iss":"%ISS%","aud":"enrollment-api","sub":"mallory","role":"registrar","exp":%EXP%}"""
                .Replace("%ISS%", app.Identity.Authority.ToString(), StringComparison.Ordinal)
                .Replace("%EXP%", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        await AssertRefusedAsync(forged);
        await AssertRefusedAsync(unsigned);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_401()
    {
        using var rsa = RSA.Create(2048);
        var foreign = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://login.example.org/",
            Audience = "enrollment-api",
            Subject = new ClaimsIdentity([new Claim("sub", "someone"), new Claim("role", "registrar")]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256),
        });

        await AssertRefusedAsync(foreign);
    }

    [Fact]
    public async Task A_token_for_another_service_is_401()
    {
        var notificationsOnly = await app.Identity.GetRegistrarTokenAsync(scope: "notifications");

        await AssertRefusedAsync(notificationsOnly);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(ResourceNames.NotificationService, $"/notifications?enrollmentId={Guid.NewGuid()}", notificationsOnly));
    }

    private async Task AssertRefusedAsync(string token)
    {
        using var http = app.CreateAnonymousClient(ResourceNames.EnrollmentApi);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/students");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> StatusWithAsync(string service, string path, string token)
    {
        using var http = app.CreateClient(service, token);
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
