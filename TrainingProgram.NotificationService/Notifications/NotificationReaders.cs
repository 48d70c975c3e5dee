using TrainingProgram.ServiceDefaults.Security;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>Who may read notification records: registrars all of them, students those sent to their own address.</summary>
internal static class NotificationReaders
{
    public const string Policy = "notification-readers";
    public const string Registrar = "registrar";
    public const string Student = "student";

    public static IHostApplicationBuilder AddNotificationAuthorization(this IHostApplicationBuilder builder)
    {
        builder.AddTokenAuthentication(defaultAudience: "notification-service");
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireRole(Registrar, Student));
        return builder;
    }
}
