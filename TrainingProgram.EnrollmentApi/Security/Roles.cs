namespace TrainingProgram.EnrollmentApi.Security;

/// <summary>The roles of the access tokens (claim <c>role</c>, docs/identity.md) and the policies built on them.</summary>
public static class Roles
{
    public const string Registrar = "registrar";
    public const string Student = "student";

    /// <summary>Runs the catalogue and acts for anyone.</summary>
    public const string RegistrarPolicy = "registrar";

    /// <summary>A student (for their own record) or a registrar.</summary>
    public const string PeoplePolicy = "student-or-registrar";}
