namespace TrainingProgram.EnrollmentApi.Problems;

/// <summary>
/// The stable <c>type</c> of every problem the API answers with (RFC 9457). Clients branch on these, never on
/// titles or details; docs/enrollment-api.md lists them. They are identifiers, not pages that must resolve.
/// </summary>
public static class ProblemTypes
{
    public const string Base = "https://trainingprogram.example/problems/";

    public const string Validation = ServiceDefaults.Http.HouseProblemDetails.ValidationType;
    public const string MalformedRequest = Base + "malformed-request";
    public const string RequestTooLarge = ServiceDefaults.Http.RequestBodyLimit.ProblemType;
    public const string StudentNotFound = Base + "student-not-found";
    public const string CourseNotFound = Base + "course-not-found";
    public const string EnrollmentNotFound = Base + "enrollment-not-found";
    public const string DuplicateStudentNumber = Base + "duplicate-student-number";
    public const string DuplicateCourseCode = Base + "duplicate-course-code";
    public const string AlreadyEnrolled = Base + "already-enrolled";
    public const string CourseFull = Base + "course-full";
    public const string WaitlistFull = Base + "waitlist-full";
    public const string AlreadyWaitlisted = Base + "already-waitlisted";
    public const string WaitlistEntryNotFound = Base + "waitlist-entry-not-found";
    public const string NoOpenOffer = Base + "no-open-offer";
    public const string OfferExpired = Base + "offer-expired";
    public const string CapacityBelowSeatsInUse = Base + "capacity-below-seats-in-use";
    public const string EnrollmentWindowClosed = Base + "enrollment-window-closed";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string Unexpected = Base + "unexpected";
}
