using System.ComponentModel.DataAnnotations;
using TrainingProgram.EnrollmentApi.Students;
using TrainingProgram.ServiceDefaults.Validation;

namespace TrainingProgram.UnitTests.Students;

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

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("Zoë Ødegård-Núñez")]
    [InlineData("李小龙")]
    [InlineData("عائشة")]
    [InlineData("\u0645\u06CC\u200C\u0631\u0648\u0645")] // Persian with a zero-width non-joiner
    [InlineData("👩‍💻 Grace")] // an emoji sequence held together by a zero-width joiner
    public void Names_in_any_script_are_plain_text(string name) => Assert.True(PlainTextAttribute.IsPlainText(name));

    [Theory]
    [InlineData("Nul\u0000Byte")]
    [InlineData("Line\nBreak")]
    [InlineData("Carriage\rReturn")]
    [InlineData("Tab\tName")]
    [InlineData("Escape\u001B[31m")]
    [InlineData("Delete\u007F")]
    [InlineData("Next\u0085Line")]
    [InlineData("Line\u2028Separator")]
    [InlineData("Paragraph\u2029Separator")]
    [InlineData("Right\u202Eoverride")]
    [InlineData("Isolate\u2067x\u2069")]
    [InlineData("Mark\u200Fhere")]
    public void Control_line_break_and_text_direction_characters_are_not_plain_text(string name) =>
        Assert.False(PlainTextAttribute.IsPlainText(name));

    [Fact]
    public void Broken_utf16_is_not_plain_text()
    {
        // Built here, not in [InlineData]: test-case serialization would turn a lone surrogate into U+FFFD.
        Assert.False(PlainTextAttribute.IsPlainText("Lone " + (char)0xD800 + " high surrogate"));
        Assert.False(PlainTextAttribute.IsPlainText("Lone " + (char)0xDC00 + " low surrogate"));
        Assert.False(PlainTextAttribute.IsPlainText("Ends with " + (char)0xD83D));
        Assert.True(PlainTextAttribute.IsPlainText("Pair " + (char)0xD83D + (char)0xDE00));
    }

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
