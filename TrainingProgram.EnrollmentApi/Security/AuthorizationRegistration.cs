namespace TrainingProgram.EnrollmentApi.Security;

public static class AuthorizationRegistration
{
    /// <summary>Bearer tokens from the identity provider (ServiceDefaults) and the API's two policies.</summary>
    public static IHostApplicationBuilder AddEnrollmentAuthorization(this IHostApplicationBuilder builder)
    {
        builder.AddTokenAuthentication(defaultAudience: "enrollment-api");
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.RegistrarPolicy, policy => policy.RequireRole(Roles.Registrar))
            .AddPolicy(Roles.PeoplePolicy, policy => policy.RequireRole(Roles.Student, Roles.Registrar));
        return builder;
    }
}
