namespace TrainingProgram.Tests.EnrollmentApi;

/// <summary>Student numbers and course codes no other test uses, since the started app is shared.</summary>
public static class Unique
{
    public static string StudentNumber() => "T" + Suffix(12);

    public static string CourseCode() => "C" + Suffix(12);

    private static string Suffix(int length) => Guid.NewGuid().ToString("N")[..length].ToUpperInvariant();
}
