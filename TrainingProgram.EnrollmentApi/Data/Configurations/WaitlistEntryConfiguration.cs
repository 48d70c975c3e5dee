using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingProgram.EnrollmentApi.Waitlist;

namespace TrainingProgram.EnrollmentApi.Data.Configurations;

public sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    /// <summary>A student is in a course's line at most once at a time (waiting or holding an offer).</summary>
    public const string OneOpenPerStudentAndCourse = "ux_waitlist_entries_one_open_per_student_course";

    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.ToTable("waitlist_entries", table =>
        {
            table.HasCheckConstraint("ck_waitlist_entries_status", "status IN ('Waiting', 'Offered', 'Enrolled', 'Declined', 'Expired', 'Left')");
            table.HasCheckConstraint("ck_waitlist_entries_offer", "status IN ('Waiting', 'Left') OR (offered_at IS NOT NULL AND offer_expires_at IS NOT NULL) OR enrollment_id IS NOT NULL");
            table.HasCheckConstraint("ck_waitlist_entries_closed_at", "(status IN ('Waiting', 'Offered')) = (closed_at IS NULL)");
            table.HasCheckConstraint("ck_waitlist_entries_enrolled", "(status = 'Enrolled') = (enrollment_id IS NOT NULL)");
        });
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.JoinedBy).HasMaxLength(Actors.MaxLength);
        builder.Property(e => e.ClosedBy).HasMaxLength(Actors.MaxLength);
        builder.Ignore(e => e.IsOpen);
        builder.HasOne(e => e.Course).WithMany().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Student).WithMany().HasForeignKey(e => e.StudentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Enrollment>().WithMany().HasForeignKey(e => e.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.StudentId, e.CourseId })
            .IsUnique()
            .HasFilter("status IN ('Waiting', 'Offered')")
            .HasDatabaseName(OneOpenPerStudentAndCourse);

        // The line itself: one ticket per place, walked in order when a seat frees.
        builder.HasIndex(e => new { e.CourseId, e.Ticket }).IsUnique();

        // The expiry of offers looks only at open offers, earliest deadline first.
        builder.HasIndex(e => e.OfferExpiresAt).HasFilter("status = 'Offered'").HasDatabaseName("ix_waitlist_entries_open_offers");
        builder.HasIndex(e => new { e.StudentId, e.JoinedAt });
    }
}
