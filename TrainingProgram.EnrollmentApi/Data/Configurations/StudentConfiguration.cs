using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingProgram.EnrollmentApi.Data.Configurations;

public sealed class StudentConfiguration : IEntityTypeConfiguration<Student>
{
    public const string UniqueStudentNumber = "ux_students_student_number";

    public void Configure(EntityTypeBuilder<Student> builder)
    {
        builder.ToTable("students");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.StudentNumber).HasMaxLength(Student.StudentNumberMaxLength);
        builder.Property(s => s.FullName).HasMaxLength(Student.FullNameMaxLength);
        builder.Property(s => s.Email).HasMaxLength(Student.EmailMaxLength);
        builder.HasIndex(s => s.StudentNumber).IsUnique().HasDatabaseName(UniqueStudentNumber);
        builder.HasIndex(s => new { s.CreatedAt, s.Id });
    }
}
