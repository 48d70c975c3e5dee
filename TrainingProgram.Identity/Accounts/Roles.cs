namespace TrainingProgram.Identity.Accounts;

/// <summary>The values of the <c>role</c> claim.</summary>
public static class Roles
{
    /// <summary>Acts for one student record only, named by the <c>student_number</c> claim.</summary>
    public const string Student = "student";

    /// <summary>Runs the catalogue and acts for anyone.</summary>
    public const string Registrar = "registrar";

    public static readonly string[] All = [Student, Registrar];
}
