using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TrainingProgram.Tests.Identity;

/// <summary>A compact JWT read without trusting it: its parts, header and claims, and a check of its RS256 signature against a JWKS.</summary>
public sealed class Jwt
{
    private Jwt(string[] parts)
    {
        Parts = parts;
        Header = Decode(parts[0]);
        Payload = Decode(parts[1]);
    }

    /// <summary>Three for a signed JWT (JWS); five would be an encrypted one (JWE), which only its issuer can read.</summary>
    public string[] Parts { get; }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    public static Jwt Parse(string token)
    {
        var parts = token.Split('.');
        Assert.True(parts.Length == 3, $"a signed JWT has 3 parts; this one has {parts.Length}");
        return new Jwt(parts);
    }

    public string? Claim(string name) =>
        Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A claim that may be one string or an array of strings (aud, role).</summary>
    public string[] Claims(string name) => Payload.TryGetProperty(name, out var value)
        ? value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(item => item.GetString()!)] : [value.GetString()!]
        : [];

    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(Payload.GetProperty("exp").GetInt64());

    public DateTimeOffset IssuedAt => DateTimeOffset.FromUnixTimeSeconds(Payload.GetProperty("iat").GetInt64());

    /// <summary>True when the key the header names (kid) is in <paramref name="jwks"/> and its RS256 signature holds.</summary>
    public bool IsSignedByKeyIn(JsonElement jwks)
    {
        if (Header.GetProperty("alg").GetString() != "RS256")
        {
            return false;
        }

        var kid = Header.GetProperty("kid").GetString();
        var key = jwks.GetProperty("keys").EnumerateArray().FirstOrDefault(k => k.GetProperty("kid").GetString() == kid);
        if (key.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(key.GetProperty("n").GetString()),
            Exponent = Base64Url.DecodeFromChars(key.GetProperty("e").GetString()),
        });
        return rsa.VerifyData(
            Encoding.ASCII.GetBytes(Parts[0] + "." + Parts[1]),
            Base64Url.DecodeFromChars(Parts[2]),
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
    }

    private static JsonElement Decode(string part) => JsonDocument.Parse(Base64Url.DecodeFromChars(part)).RootElement.Clone();
}
