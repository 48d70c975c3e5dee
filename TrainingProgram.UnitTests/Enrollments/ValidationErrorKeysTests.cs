using TrainingProgram.EnrollmentApi.Problems;

namespace TrainingProgram.UnitTests.Enrollments;

public sealed class ValidationErrorKeysTests
{
    [Theory]
    [InlineData("PageSize", "pageSize")]
    [InlineData("StudentId", "studentId")]
    [InlineData("Items.Name", "items.name")]
    [InlineData("Idempotency-Key", "Idempotency-Key")]
    public void Member_names_become_json_names(string key, string expected) => Assert.Equal(expected, ValidationErrorKeys.ToJsonName(key));

    [Fact]
    public void Errors_under_both_spellings_are_merged()
    {
        var errors = new Dictionary<string, string[]> { ["Page"] = ["a"], ["page"] = ["b"], ["Idempotency-Key"] = ["c"] };

        ValidationErrorKeys.UseJsonNames(errors);

        Assert.Equal(["Idempotency-Key", "page"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["b", "a"], errors["page"]);
    }
}
