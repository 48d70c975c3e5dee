using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TrainingProgram.Identity.SignIn.Throttling;

public static class SignInThrottlingRegistration
{
    /// <summary>
    /// The throttle of the login page and the token endpoint, and where a request's source address comes from: the
    /// connection, or the X-Forwarded-For of a trusted proxy (loopback, and <c>Identity:SignInThrottle:TrustedProxies</c>).
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

        var proxies = builder.Configuration.GetSection(SignInThrottleOptions.SectionName + ":TrustedProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return builder;
    }
}
