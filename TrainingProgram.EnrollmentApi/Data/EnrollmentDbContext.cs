namespace TrainingProgram.EnrollmentApi.Data;

/// <summary>
/// The Enrollment API's own database, <c>enrollmentdb</c>. Tables and columns are snake_case.
/// </summary>
/// <remarks>
/// After changing the model, add a migration from the repository root:
/// <code>
/// dotnet tool restore
/// dotnet ef migrations add NAME --project TrainingProgram.EnrollmentApi --output-dir Data/Migrations
/// </code>
/// It is applied at the next start-up (<see cref="EnrollmentDatabaseMigration"/>). Design time has no
/// Aspire connection string: <see cref="DesignTimeEnrollmentDbContextFactory"/> builds the context then.
/// </remarks>
public sealed class EnrollmentDbContext(DbContextOptions<EnrollmentDbContext> options) : DbContext(options)
{
    public const string ConnectionName = "enrollmentdb";

    public DbSet<Student> Students => Set<Student>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EnrollmentDbContext).Assembly).AddOutbox();
}
