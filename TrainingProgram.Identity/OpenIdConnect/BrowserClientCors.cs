namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>
/// Pages on other origins that sign in with the public client (Scalar on the Enrollment API's page) redeem their code
/// with fetch(): the token endpoint, and the account endpoints, answer the CORS preflight of the configured origins
/// only (<c>Identity:Cors:Origins</c> and <c>Identity:Clients:Web:ApiReferenceOrigins</c>). No other route allows
/// any other origin, in any environment.
/// </summary>
internal static class BrowserClientCors
{
    public const string Policy = "browser-clients";

    public static IHostApplicationBuilder AddBrowserClientCors(this IHostApplicationBuilder builder)
    {
        var origins = (builder.Configuration.GetSection("Identity:Cors:Origins").Get<string[]>() ?? [])
            .Concat(builder.Configuration.GetSection("Identity:Clients:Web:ApiReferenceOrigins").Get<string[]>() ?? [])
            .Select(origin => origin.TrimEnd('/'))
            .ToArray();
        builder.Services.AddCors(cors => cors.AddPolicy(Policy, policy => policy
            .WithOrigins(origins)
            .WithMethods("POST", "PUT")
            .WithHeaders("content-type", "authorization")));
        return builder;
    }

    /// <summary>The policy applies where an endpoint asks for it (<see cref="AllowBrowserClients{TBuilder}"/>).</summary>
    public static WebApplication UseBrowserClientCors(this WebApplication app)
    {
        app.UseCors();
        return app;
    }

    public static TBuilder AllowBrowserClients<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireCors(Policy);
}
