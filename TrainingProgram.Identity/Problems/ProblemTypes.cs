namespace TrainingProgram.Identity.Problems;

/// <summary>
/// The stable <c>type</c> of every problem this service answers with (RFC 9457), from the same family as the
/// Enrollment API's. Clients branch on these, never on titles or details.
/// </summary>
public static class ProblemTypes
{
    public const string Base = "https://trainingprogram.example/problems/";

    public const string Validation = Base + "validation";
    public const string MalformedRequest = Base + "malformed-request";
    public const string DuplicateAccount = Base + "duplicate-account";
    public const string NoAccount = Base + "no-account";
    public const string NoStudentRecord = Base + "no-student-record";
    public const string StudentRecordsRefused = Base + "student-records-refused";
    public const string StudentRecordsUnavailable = Base + "student-records-unavailable";
    public const string TooManyAttempts = Base + "too-many-attempts";
    public const string Busy = Base + "busy";
    public const string Unexpected = Base + "unexpected";
}
