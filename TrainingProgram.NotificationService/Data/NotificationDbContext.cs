using Microsoft.EntityFrameworkCore;
using TrainingProgram.Messaging;
using TrainingProgram.NotificationService.Notifications;

namespace TrainingProgram.NotificationService.Data;

/// <summary>
/// The Notification Service's own database, <c>notificationdb</c>.
/// </summary>
/// <remarks>
/// Add a migration (from the repository root):
/// <code>
/// dotnet tool restore
/// dotnet ef migrations add NAME --project TrainingProgram.NotificationService --output-dir Data/Migrations
/// </code>
/// Migrations are applied at start-up (<see cref="NotificationDatabaseExtensions.MigrateNotificationDatabaseAsync"/>).
/// </remarks>
internal sealed class NotificationDbContext(DbContextOptions<NotificationDbContext> options) : DbContext(options)
{
    public DbSet<Notification> Notifications => Set<Notification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NotificationDbContext).Assembly).AddDeadLetters();
}
