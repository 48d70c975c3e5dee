using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TrainingProgram.Identity.SignIn.Throttling;

public static class SignInThrottlingRegistration
{
    /// <summary>
    /// The throttle of the login page and the token endpoint, and where a request's source address comes from: the
    /// connection, or the X-Forwarded-For of a proxy named in <c>Identity:SignInThrottle:TrustedProxies</c> (addresses,
    /// or networks such as <c>10.0.0.0/8</c>). None by default, loopback included: under the AppHost and scripts/run.sh
    /// every client arrives from loopback, so trusting it would let every client choose its source.
    /// </summary>
    public static WebApplicationBuilder AddSignInThrottling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignInThrottleOptions>()
            .BindConfiguration(SignInThrottleOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<SignInThrottle>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.AddSingleton<PasswordCheckLimiter>();
        builder.Services.AddSingleton<DeviceCookies>();

        var proxies = builder.Configuration.GetSection(SignInThrottleOptions.SectionName + ":TrustedProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // With both lists empty the middleware would believe every sender: no proxy named, no header read.
            options.ForwardedHeaders = proxies.Length > 0 ? ForwardedHeaders.XForwardedFor : ForwardedHeaders.None;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            // The obsolete list is still read by the middleware, and holds loopback by default.
#pragma warning disable ASPDEPR005
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            }
        });
        return builder;
    }
}
