using TrainingProgram.ServiceDefaults.Security;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>
/// Who may read notification records (registrars all of them, students those for their own student record) and who may
/// operate the dead letters (registrars).
/// </summary>
internal static class NotificationReaders
{
    public const string Policy = "notification-readers";

    /// <summary>Who may see, replay and discard dead letters: registrars (the operations client is one).</summary>
    public const string OperatorPolicy = "dead-letter-operators";
    public const string Registrar = "registrar";
    public const string Student = "student";

    public static IHostApplicationBuilder AddNotificationAuthorization(this IHostApplicationBuilder builder)
    {
        builder.AddTokenAuthentication(defaultAudience: "notification-service");
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.RequireRole(Registrar, Student))
            .AddPolicy(OperatorPolicy, policy => policy.RequireRole(Registrar));
        return builder;
    }
}
