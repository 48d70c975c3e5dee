namespace TrainingProgram.Testing.Catalogue;

/// <summary>Student numbers, course codes and addresses no other test uses, so tests on one topology stay apart.</summary>
public static class UniqueNames
{
    /// <summary>"T" and 12 random hex digits.</summary>
    public static string StudentNumber() => "T" + Suffix(12);

    /// <summary>"C" and 12 random hex digits.</summary>
    public static string CourseCode() => "C" + Suffix(12);

    /// <summary>A password the identity provider's rules accept.</summary>
    public static string Password() => "pw-" + Guid.NewGuid().ToString("N");

    private static string Suffix(int length) => Guid.NewGuid().ToString("N")[..length].ToUpperInvariant();
}
