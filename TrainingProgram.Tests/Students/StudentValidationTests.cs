using System.ComponentModel.DataAnnotations;
using TrainingProgram.EnrollmentApi.Students;

namespace TrainingProgram.Tests.Students;

public sealed class StudentValidationTests
{
    [Theory]
    [InlineData("ada@example.edu")]
    [InlineData("ada.lovelace+cs@mail.example.ac.uk")]
    public void Plain_mailboxes_are_valid_emails(string email) => Assert.True(new MailboxAddressAttribute().IsValid(email));

    [Theory]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.edu")]
    [InlineData("ada@localhost")]
    [InlineData("Ada <ada@example.edu>")]
    [InlineData("ada@example.edu, alan@example.edu")]
    [InlineData("ada@@example.edu")]
    public void Anything_but_one_plain_mailbox_is_refused(string email) => Assert.False(new MailboxAddressAttribute().IsValid(email));

    [Fact]
    public void A_new_student_is_stored_trimmed_with_a_version_7_id()
    {
        var now = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

        var student = new CreateStudentRequest(" S1 ", " Ada Lovelace ", " ada@example.edu ").ToStudent(now);

        Assert.Equal(("S1", "Ada Lovelace", "ada@example.edu", now), (student.StudentNumber, student.FullName, student.Email, student.CreatedAt));
        Assert.Equal(7, student.Id.Version);
    }

    [Fact]
    public void Blank_names_are_missing_names()
    {
        var results = new List<ValidationResult>();
        var request = new CreateStudentRequest("S1", "   ", "ada@example.edu");

        Assert.False(Validator.TryValidateValue(request.FullName, new ValidationContext(request) { MemberName = "FullName" }, results, [new RequiredAttribute()]));
    }
}
