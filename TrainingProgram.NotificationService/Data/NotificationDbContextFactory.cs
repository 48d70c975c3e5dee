using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TrainingProgram.NotificationService.Data;

/// <summary>
/// Lets <c>dotnet ef</c> build the model without starting the service (whose connection string only exists
/// under the AppHost). Adding a migration never connects, so the connection string is a placeholder.
/// </summary>
internal sealed class NotificationDbContextFactory : IDesignTimeDbContextFactory<NotificationDbContext>
{
    public NotificationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NotificationDbContext>()
            .UseNpgsql("Host=localhost;Database=notificationdb")
            .Options);
}
