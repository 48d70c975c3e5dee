namespace TrainingProgram.NotificationService.Email;

internal static class EmailExtensions
{
    public const string ConnectionName = "mail";

    public static IHostApplicationBuilder AddEmailSender(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
            SmtpEndpoint.Parse(services.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionName)));
        builder.Services.AddSingleton<SmtpClientPool>();
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        builder.Services.AddSingleton<EnrollmentEmailComposer>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
