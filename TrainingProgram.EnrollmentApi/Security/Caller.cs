using System.Security.Claims;
using TrainingProgram.ServiceDefaults.Security;

namespace TrainingProgram.EnrollmentApi.Security;

/// <summary>
/// Who is calling, from the access token: a registrar acts for anyone; a student acts only for the one student
/// record whose student number the token carries (claim <c>student_number</c>). <see cref="Subject"/> (claim
/// <c>sub</c>) is recorded as the actor of every change.
/// </summary>
public sealed record Caller(string Subject, bool IsRegistrar, string? StudentNumber)
{
    public const string StudentNumberClaim = TokenAuthentication.StudentNumberClaim;

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue("sub") ?? user.FindFirstValue("client_id") ?? "unknown",
        user.IsInRole(Roles.Registrar),
        user.IsInRole(Roles.Student) ? user.FindFirstValue(StudentNumberClaim) : null);

    /// <summary>Bound from the request's user by minimal APIs (and so absent from the OpenAPI parameters).</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(From(context.User));

    public bool MayActFor(Student student) => IsRegistrar || (StudentNumber is not null && student.StudentNumber == StudentNumber);
}
