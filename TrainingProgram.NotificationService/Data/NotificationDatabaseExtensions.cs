using Microsoft.EntityFrameworkCore;
using TrainingProgram.NotificationService.Notifications;
using TrainingProgram.ServiceDefaults.Data;

namespace TrainingProgram.NotificationService.Data;

internal static class NotificationDatabaseExtensions
{
    public const string ConnectionName = "notificationdb";

    public static IHostApplicationBuilder AddNotificationDatabase(this IHostApplicationBuilder builder)
    {
        // Aspire's default retry strategy retries for up to ~30 s per command. A consumer slot must not hang
        // that long while the database is down: the message goes round the delayed-retry loop instead
        // (Messaging/), so the strategy here only smooths over short blips.
        builder.AddNpgsqlDbContext<NotificationDbContext>(
            ConnectionName,
            settings =>
            {
                settings.DisableRetry = true;
                // Handlers hold a connection only for a claim or an update, not while the email is sent.
                settings.ConnectionString = PostgresConnectionString.Tune(settings.ConnectionString, maxPoolSize: 16);
            },
            options => options.UseNpgsql(npgsql =>
                npgsql.EnableRetryOnFailure(maxRetryCount: 2, maxRetryDelay: TimeSpan.FromSeconds(1), errorCodesToAdd: null)));

        builder.Services.AddScoped<NotificationStore>();
        return builder;
    }

    /// <summary>Applies pending migrations before the consumer starts.</summary>
    public static async Task MigrateNotificationDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationDbContext>();
        await DatabaseMigration.MigrateAsync(db, app.Lifetime.ApplicationStopping);
    }
}
