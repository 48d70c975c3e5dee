namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>
/// The public client runs in browsers on other origins (Scalar on the Enrollment API's page) and redeems its code
/// with fetch(): the token endpoint answers their CORS preflight. Allowed origins are configuration
/// (<c>Identity:Cors:Origins</c>); in Development any loopback origin is allowed, since the topology's ports are
/// chosen at run time.
/// </summary>
internal static class BrowserClientCors
{
    public const string Policy = "browser-clients";

    public static IHostApplicationBuilder AddBrowserClientCors(this IHostApplicationBuilder builder)
    {
        var origins = builder.Configuration.GetSection("Identity:Cors:Origins").Get<string[]>() ?? [];
        var anyLoopback = builder.Environment.IsDevelopment();
        builder.Services.AddCors(cors => cors.AddPolicy(Policy, policy => policy
            .SetIsOriginAllowed(origin => origins.Contains(origin, StringComparer.OrdinalIgnoreCase)
                || (anyLoopback && Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.IsLoopback))
            .WithMethods("POST")
            .WithHeaders("content-type", "authorization")));
        return builder;
    }

    public static WebApplication UseBrowserClientCors(this WebApplication app)
    {
        app.UseCors(Policy);
        return app;
    }
}
