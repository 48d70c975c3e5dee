using Microsoft.EntityFrameworkCore;
using TrainingProgram.EnrollmentApi.Data;
using TrainingProgram.NotificationService.Data;

namespace TrainingProgram.UnitTests.Contracts;

/// <summary>
/// A model change without its migration makes EF Core refuse to migrate, and the service then fails at start-up:
/// caught here, without a database (the design-time factories build the model only).
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_enrollment_model_has_no_change_without_a_migration()
    {
        using var db = new DesignTimeEnrollmentDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_notification_model_has_no_change_without_a_migration()
    {
        using var db = new NotificationDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges());
    }
}
