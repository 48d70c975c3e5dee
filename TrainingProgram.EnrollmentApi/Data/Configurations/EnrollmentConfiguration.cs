using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingProgram.EnrollmentApi.Data.Configurations;

public sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    /// <summary>At most one active enrollment per student and course; cancelled ones may pile up.</summary>
    public const string OneActivePerStudentAndCourse = "ux_enrollments_one_active_per_student_course";

    public void Configure(EntityTypeBuilder<Enrollment> builder)
    {
        builder.ToTable("enrollments", table =>
        {
            table.HasCheckConstraint("ck_enrollments_status", "status IN ('Active', 'Cancelled')");
            table.HasCheckConstraint(
                "ck_enrollments_cancelled_at",
                "(status = 'Cancelled') = (cancelled_at IS NOT NULL)");
        });
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.CreatedBy).HasMaxLength(Actors.MaxLength);
        builder.Property(e => e.CancelledBy).HasMaxLength(Actors.MaxLength);
        builder.HasOne(e => e.Student).WithMany().HasForeignKey(e => e.StudentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Course).WithMany().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.StudentId, e.CourseId })
            .IsUnique()
            .HasFilter("status = 'Active'")
            .HasDatabaseName(OneActivePerStudentAndCourse);
        builder.HasIndex(e => new { e.CourseId, e.CreatedAt });
        builder.HasIndex(e => new { e.StudentId, e.CreatedAt });
    }
}
