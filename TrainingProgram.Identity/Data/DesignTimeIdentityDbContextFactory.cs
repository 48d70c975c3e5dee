using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TrainingProgram.Identity.Data;

/// <summary>
/// Used by <c>dotnet ef</c> only. Adding a migration never connects, so the connection string only has to
/// name the provider's kind of server; the options match the ones the running service uses.
/// </summary>
public sealed class DesignTimeIdentityDbContextFactory : IDesignTimeDbContextFactory<IdentityDbContext>
{
    public IdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDbContext>()
            .UseNpgsql("Host=localhost;Database=identitydb")
            .UseSnakeCaseNamingConvention()
            .Options);
}
