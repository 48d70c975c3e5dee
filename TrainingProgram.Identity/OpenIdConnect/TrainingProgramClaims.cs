namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>Claims of our own; the standard ones (sub, name, email, role) are OpenIddict's <c>Claims</c> constants.</summary>
public static class TrainingProgramClaims
{
    /// <summary>On a student's tokens: the Enrollment API student record (its studentNumber) the student acts for.</summary>
    public const string StudentNumber = "student_number";
}
