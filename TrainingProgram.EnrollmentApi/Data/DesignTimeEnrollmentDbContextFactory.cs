using Microsoft.EntityFrameworkCore.Design;

namespace TrainingProgram.EnrollmentApi.Data;

/// <summary>
/// Used by <c>dotnet ef</c> only. Adding a migration never connects, so the connection string only has to
/// name the provider's kind of server; the options match the ones the running API uses.
/// </summary>
public sealed class DesignTimeEnrollmentDbContextFactory : IDesignTimeDbContextFactory<EnrollmentDbContext>
{
    public EnrollmentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EnrollmentDbContext>()
            .UseNpgsql("Host=localhost;Database=enrollmentdb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
