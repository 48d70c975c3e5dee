using TrainingProgram.EnrollmentApi.Enrollments;

namespace TrainingProgram.UnitTests.Enrollments;

public sealed class IdempotencyKeyRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0193a0b5-6f8e-7c2a-9d41-3b5f2e8a1c77")]
    [InlineData("order 42 / retry ~ #1")]
    public void Printable_ascii_keys_up_to_200_characters_are_accepted(string key) =>
        Assert.Null(IdempotencyKey.Problem(key));

    [Fact]
    public void A_key_of_exactly_200_characters_is_accepted() => Assert.Null(IdempotencyKey.Problem(new string('x', 200)));

    [Theory]
    [InlineData("")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("new\nline")]
    [InlineData("caf\u00e9")]
    public void Empty_padded_or_non_printable_keys_are_refused(string key) =>
        Assert.NotNull(IdempotencyKey.Problem(key));

    [Fact]
    public void A_key_of_201_characters_is_refused() =>
        Assert.Contains("200", IdempotencyKey.Problem(new string('x', 201)), StringComparison.Ordinal);

    [Fact]
    public void The_fingerprint_depends_on_the_student_and_the_course_only()
    {
        var student = Guid.CreateVersion7();
        var course = Guid.CreateVersion7();

        var fingerprint = IdempotencyKey.Fingerprint(new CreateEnrollmentRequest(student, course));

        Assert.Equal(fingerprint, IdempotencyKey.Fingerprint(new CreateEnrollmentRequest(student, course)));
        Assert.NotEqual(fingerprint, IdempotencyKey.Fingerprint(new CreateEnrollmentRequest(course, student)));
        Assert.NotEqual(fingerprint, IdempotencyKey.Fingerprint(new CreateEnrollmentRequest(student, Guid.CreateVersion7())));
        Assert.Matches("^[0-9a-f]{64}$", fingerprint);
    }
}
