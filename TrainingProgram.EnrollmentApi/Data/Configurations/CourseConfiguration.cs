using TrainingProgram.EnrollmentApi.Waitlist;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingProgram.EnrollmentApi.Data.Configurations;

public sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public const string UniqueCode = "ux_courses_code";

    /// <summary>The seat limit as the database enforces it, whatever the code does: taken plus held by offers.</summary>
    public const string SeatsWithinCapacity = "ck_courses_seats_within_capacity";

    public const string WaitlistWithinCapacity = "ck_courses_waitlist_within_capacity";

    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("courses", table =>
        {
            table.HasCheckConstraint(SeatsWithinCapacity, "seats_taken >= 0 AND seats_held >= 0 AND seats_taken + seats_held <= capacity");
            table.HasCheckConstraint(WaitlistWithinCapacity, "waitlist_length >= 0 AND waitlist_length <= waitlist_capacity");
            table.HasCheckConstraint("ck_courses_waitlist_capacity", $"waitlist_capacity BETWEEN 0 AND {Course.MaxWaitlistCapacity}");
            table.HasCheckConstraint("ck_courses_waitlist_promotion", "waitlist_promotion IN ('Offer', 'Automatic')");
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
        builder.Property(c => c.SeatsHeld).HasDefaultValue(0);
        builder.Property(c => c.WaitlistCapacity).HasDefaultValue(0);
        builder.Property(c => c.WaitlistLength).HasDefaultValue(0);
        builder.Property(c => c.WaitlistTickets).HasDefaultValue(0L);
        builder.Property(c => c.WaitlistPromotion).HasConversion<string>().HasMaxLength(16).HasDefaultValue(WaitlistPromotion.Offer);
        builder.Ignore(c => c.SeatsLeft);
        builder.HasIndex(c => c.Code).IsUnique().HasDatabaseName(UniqueCode);
        builder.HasIndex(c => new { c.CreatedAt, c.Id });
    }
}
