using System.ComponentModel.DataAnnotations;
using TrainingProgram.ServiceDefaults.Validation;

namespace TrainingProgram.EnrollmentApi.Students;

public sealed record CreateStudentRequest(
    [Required, StringLength(Student.StudentNumberMaxLength), RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "The student number may contain only letters, digits and '-'.")]
    string StudentNumber,
    [Required, StringLength(Student.FullNameMaxLength), PlainText]
    string FullName,
    [Required, StringLength(Student.EmailMaxLength), PlainText, MailboxAddress]
    string Email)
{
    public Student ToStudent(DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        StudentNumber = StudentNumber.Trim(),
        FullName = FullName.Trim(),
        Email = Email.Trim(),
        CreatedAt = now,
    };
}
