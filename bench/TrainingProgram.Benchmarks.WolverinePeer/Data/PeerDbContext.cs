using TrainingProgram.Benchmarks.WolverinePeer.Courses;
using TrainingProgram.Benchmarks.WolverinePeer.Enrollments;
using TrainingProgram.Benchmarks.WolverinePeer.Notifications;
using TrainingProgram.Benchmarks.WolverinePeer.Students;

namespace TrainingProgram.Benchmarks.WolverinePeer.Data;

/// <summary>The peer's tables, in schema "peer"; columns are snake_case by convention.</summary>
public sealed class PeerDbContext(DbContextOptions<PeerDbContext> options) : DbContext(options)
{
    public const string Schema = "peer";
    public const string SeatsWithinCapacity = "ck_courses_seats_within_capacity";
    public const string OneActiveEnrollmentPerStudentAndCourse = "ux_enrollments_one_active_per_student_course";
    public const string OneNotificationPerEvent = "ux_notifications_event_id";

    public DbSet<Student> Students => Set<Student>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<Notification> Notifications => Set<Notification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);

        modelBuilder.Entity<Student>(student =>
        {
            student.ToTable("students");
            student.Property(s => s.Id).ValueGeneratedNever();
        });

        modelBuilder.Entity<Course>(course =>
        {
            course.ToTable("courses", table => table.HasCheckConstraint(SeatsWithinCapacity, "seats_taken <= capacity"));
            course.Property(c => c.Id).ValueGeneratedNever();
        });

        modelBuilder.Entity<Enrollment>(enrollment =>
        {
            enrollment.ToTable("enrollments");
            enrollment.Property(e => e.Id).ValueGeneratedNever();
            enrollment.Property(e => e.Status).HasConversion<string>();
            enrollment.HasOne<Student>().WithMany().HasForeignKey(e => e.StudentId).OnDelete(DeleteBehavior.Restrict);
            enrollment.HasOne<Course>().WithMany().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
            enrollment.HasIndex(e => new { e.StudentId, e.CourseId })
                .IsUnique()
                .HasFilter("status = 'Active'")
                .HasDatabaseName(OneActiveEnrollmentPerStudentAndCourse);
        });

        modelBuilder.Entity<Notification>(notification =>
        {
            notification.ToTable("notifications");
            notification.Property(n => n.Id).UseIdentityByDefaultColumn();
            notification.Property(n => n.Status).HasConversion<string>();
            notification.HasIndex(n => n.EventId).IsUnique().HasDatabaseName(OneNotificationPerEvent);
        });
    }
}
