using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingProgram.EnrollmentApi.Data.Configurations;

public sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public const string UniqueCode = "ux_courses_code";

    /// <summary>The seat limit as the database enforces it, whatever the code does.</summary>
    public const string SeatsWithinCapacity = "ck_courses_seats_taken_within_capacity";

    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("courses", table =>
        {
            table.HasCheckConstraint(SeatsWithinCapacity, "seats_taken >= 0 AND seats_taken <= capacity");
            table.HasCheckConstraint("ck_courses_capacity", $"capacity BETWEEN 1 AND {Course.MaxCapacity}");
            table.HasCheckConstraint("ck_courses_credits", $"credits BETWEEN {Course.MinCredits} AND {Course.MaxCredits}");
            table.HasCheckConstraint(
                "ck_courses_enrollment_window",
                "enrollment_opens_at IS NULL OR enrollment_closes_at IS NULL OR enrollment_opens_at < enrollment_closes_at");
        });
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Code).HasMaxLength(Course.CodeMaxLength);
        builder.Property(c => c.Title).HasMaxLength(Course.TitleMaxLength);
        builder.Property(c => c.SeatsTaken).HasDefaultValue(0);
        builder.Ignore(c => c.SeatsLeft);
        builder.HasIndex(c => c.Code).IsUnique().HasDatabaseName(UniqueCode);
        builder.HasIndex(c => new { c.CreatedAt, c.Id });
    }
}
