using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.Identity.Accounts;

/// <summary>
/// A sign-in account for one student record of the Enrollment API, named by its id (what POST /students answered).
/// The student number (the user name), the name and the email are the record's.
/// </summary>
public sealed record CreateStudentAccountRequest([Required] Guid? StudentId, [Required] string Password)
{
    public static Account ToAccount(StudentRecord record) => new()
    {
        UserName = record.StudentNumber,
        StudentNumber = record.StudentNumber,
        DisplayName = record.FullName,
        Email = record.Email,
    };
}
