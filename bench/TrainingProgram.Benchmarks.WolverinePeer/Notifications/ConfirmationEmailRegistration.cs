namespace TrainingProgram.Benchmarks.WolverinePeer.Notifications;

public static class ConfirmationEmailRegistration
{
    /// <summary>The SMTP connections the confirmation handler sends through; a bad mail connection string fails start-up.</summary>
    public static IHostApplicationBuilder AddConfirmationEmails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(SmtpEndpoint.Parse(builder.Configuration.GetConnectionString(SmtpEndpoint.ConnectionName)));
        builder.Services.AddSingleton<SmtpClientPool>();
        return builder;
    }
}
