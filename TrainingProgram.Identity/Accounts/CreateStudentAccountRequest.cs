using System.ComponentModel.DataAnnotations;
using TrainingProgram.ServiceDefaults.Validation;

namespace TrainingProgram.Identity.Accounts;

/// <summary>A sign-in account for one student record of the Enrollment API; the student number is the user name.</summary>
public sealed record CreateStudentAccountRequest(
    [Required, StringLength(Account.StudentNumberMaxLength), RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "The student number may contain only letters, digits and '-'.")]
    string StudentNumber,
    [Required]
    string Password,
    [Required, StringLength(Account.DisplayNameMaxLength), PlainText]
    string Name,
    [Required, StringLength(Account.EmailMaxLength), PlainText, MailboxAddress]
    string Email)
{
    public Account ToAccount() => new()
    {
        UserName = StudentNumber.Trim(),
        StudentNumber = StudentNumber.Trim(),
        DisplayName = Name.Trim(),
        Email = Email.Trim(),
    };
}
