using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace TrainingProgram.Identity.SignIn.Throttling;

/// <summary>
/// A device cookie (OWASP): a browser that signed in to an account gets a signed cookie naming the account and a
/// random device id. With it, the browser's attempts on that account count for the device, not for its address, and
/// are not held back by the account-wide bound, so failures from anywhere else never keep the student out of a
/// device they signed in on. The device's own failures slow it like any source.
/// </summary>
public sealed class DeviceCookies(IDataProtectionProvider protection)
{
    private const string NamePrefix = "tp.device.";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("TrainingProgram.Identity.SignIn.DeviceCookie").ToTimeLimitedDataProtector();

    /// <summary>The throttle's source for a device.</summary>
    public static string SourceOf(string deviceId) => "device:" + deviceId;

    /// <summary>The id of the device the request's cookie proves for <paramref name="userName"/>, else null.</summary>
    public string? DeviceOf(HttpRequest request, string userName)
    {
        if (!request.Cookies.TryGetValue(CookieName(userName), out var value) || value is null)
        {
            return null;
        }

        try
        {
            var payload = _protector.Unprotect(value);
            var separator = payload.IndexOf('\n', StringComparison.Ordinal);
            return separator > 0 && payload.AsSpan(separator + 1).SequenceEqual(userName) ? payload[..separator] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Sets (or renews) the cookie of <paramref name="deviceId"/>, a new device when null, for <paramref name="userName"/>.</summary>
    public void Remember(HttpContext http, string userName, string? deviceId)
    {
        deviceId ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(CookieName(userName), _protector.Protect(deviceId + "\n" + userName, Lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = LoginApi.LoginPath,
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>One cookie per account, so that a browser shared by several students keeps each one's device.</summary>
    private static string CookieName(string userName) =>
        NamePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userName)))[..16];
}
