using System.Security.Cryptography;
using System.Text;

namespace TrainingProgram.EnrollmentApi.Enrollments;

/// <summary>The rules for the Idempotency-Key header of POST /enrollments.</summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>
    /// Why <paramref name="key"/> is not acceptable, or null when it is: 1-200 printable ASCII characters but the
    /// comma, which is how two header lines arrive joined (a request must carry one key, not two).
    /// </summary>
    public static string? Problem(string key) =>
        key.Length is 0 or > MaxLength ? $"The {HeaderName} header must be 1 to {MaxLength} characters long."
        : key.Contains(',', StringComparison.Ordinal) ? $"Send one {HeaderName} header, with one key and no comma."
        : !key.All(c => c is >= '!' and <= '~' or ' ') || key.Trim().Length != key.Length
            ? $"The {HeaderName} header may contain only printable ASCII characters, without leading or trailing spaces."
        : null;

    /// <summary>
    /// What makes two requests "the same request": the student and the course, whatever the JSON's formatting
    /// or property order.
    /// </summary>
    public static string Fingerprint(CreateEnrollmentRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes($"{request.StudentId:N}:{request.CourseId:N}")));
}
