using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.Benchmarks.WolverinePeer.Students;

public sealed record CreateStudentRequest(
    [Required, StringLength(32)] string StudentNumber,
    [Required, StringLength(200)] string FullName,
    [Required, StringLength(254), EmailAddress] string Email)
{
    public Student ToStudent() => new()
    {
        Id = Guid.CreateVersion7(),
        StudentNumber = StudentNumber.Trim(),
        FullName = FullName.Trim(),
        Email = Email.Trim(),
    };
}
