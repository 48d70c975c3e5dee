namespace TrainingProgram.EnrollmentApi.Problems;

/// <summary>One factory per problem kind, so each kind always has the same type, status and title.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult StudentNotFound(Guid id) =>
        Problem(ProblemTypes.StudentNotFound, StatusCodes.Status404NotFound, "Student not found", $"There is no student {id}.");

    public static ProblemHttpResult OwnStudentNotFound() =>
        Problem(ProblemTypes.StudentNotFound, StatusCodes.Status404NotFound, "Student not found",
            "The access token names no student record of this API (a student's token carries its student number).");

    public static ProblemHttpResult NotYourStudentRecord() =>
        Problem(ProblemTypes.Forbidden, StatusCodes.Status403Forbidden, "Forbidden",
            "A student enrolls only themselves: studentId must be the caller's own student record.");

    public static ProblemHttpResult CourseNotFound(Guid id) =>
        Problem(ProblemTypes.CourseNotFound, StatusCodes.Status404NotFound, "Course not found", $"There is no course {id}.");

    public static ProblemHttpResult EnrollmentNotFound(Guid id) =>
        Problem(ProblemTypes.EnrollmentNotFound, StatusCodes.Status404NotFound, "Enrollment not found", $"There is no enrollment {id}.");

    public static ProblemHttpResult DuplicateStudentNumber(string studentNumber) =>
        Problem(ProblemTypes.DuplicateStudentNumber, StatusCodes.Status409Conflict, "Student number already registered",
            $"Another student already has the student number '{studentNumber}'.");

    public static ProblemHttpResult DuplicateCourseCode(string code) =>
        Problem(ProblemTypes.DuplicateCourseCode, StatusCodes.Status409Conflict, "Course code already in use",
            $"Another course already has the code '{code}'.");

    public static ProblemHttpResult AlreadyEnrolled(Guid studentId, Guid courseId) =>
        Problem(ProblemTypes.AlreadyEnrolled, StatusCodes.Status409Conflict, "Already enrolled",
            $"Student {studentId} already has an active enrollment in course {courseId}.");

    public static ProblemHttpResult CourseFull(Course course) =>
        Problem(ProblemTypes.CourseFull, StatusCodes.Status409Conflict, "Course full",
            $"All {course.Capacity} seats of course {course.Code} are taken.");

    public static ProblemHttpResult WaitlistFull(Course course) =>
        Problem(ProblemTypes.WaitlistFull, StatusCodes.Status409Conflict, "Waitlist full",
            $"All {course.Capacity} seats of course {course.Code} are taken and all {course.WaitlistCapacity} places on its waitlist too.");

    public static ProblemHttpResult AlreadyWaitlisted(Guid entryId, Guid courseId) =>
        Problem(ProblemTypes.AlreadyWaitlisted, StatusCodes.Status409Conflict, "Already on the waitlist",
            $"The student is already on the waitlist of course {courseId} (entry {entryId}, GET /waitlist/{entryId}); " +
            "a student holding an offer accepts it with POST /waitlist/{id}/accept.");

    public static ProblemHttpResult WaitlistEntryNotFound(Guid id) =>
        Problem(ProblemTypes.WaitlistEntryNotFound, StatusCodes.Status404NotFound, "Waitlist entry not found", $"There is no waitlist entry {id}.");

    public static ProblemHttpResult NoOpenOffer(WaitlistEntry entry) =>
        Problem(ProblemTypes.NoOpenOffer, StatusCodes.Status409Conflict, "No open offer",
            entry.Status == WaitlistEntryStatus.Waiting
                ? $"Waitlist entry {entry.Id} is still waiting: a seat is offered when one frees, with an email."
                : $"Waitlist entry {entry.Id} is closed ({entry.Status}); there is no offer to accept.");

    public static ProblemHttpResult OfferExpired(WaitlistEntry entry) =>
        Problem(ProblemTypes.OfferExpired, StatusCodes.Status409Conflict, "Offer expired",
            $"The offer of waitlist entry {entry.Id} expired at {entry.OfferExpiresAt:O}; its seat went to the next in line.");

    public static ProblemHttpResult EnrolledFromWaitlist(WaitlistEntry entry) =>
        Problem(ProblemTypes.AlreadyEnrolled, StatusCodes.Status409Conflict, "Already enrolled",
            entry.EnrollmentId is { } enrollmentId
                ? $"Waitlist entry {entry.Id} became enrollment {enrollmentId}; cancel that enrollment to give the seat up."
                : $"Student {entry.StudentId} already has an active enrollment in course {entry.CourseId}; leave the waitlist to give the offer up.");

    public static ProblemHttpResult CapacityBelowSeatsInUse(Course course, string field, int requested, int inUse) =>
        Problem(ProblemTypes.CapacityBelowSeatsInUse, StatusCodes.Status409Conflict, "Capacity below what is in use",
            $"Course {course.Code} cannot have {field} {requested}: {inUse} are in use.");

    public static ProblemHttpResult EnrollmentWindowClosed(Course course, EnrollmentWindowState state) =>
        Problem(ProblemTypes.EnrollmentWindowClosed, StatusCodes.Status409Conflict, "Enrollment window closed",
            state == EnrollmentWindowState.NotYetOpen
                ? $"Enrollment in course {course.Code} opens at {course.EnrollmentOpensAt:O}."
                : $"Enrollment in course {course.Code} closed at {course.EnrollmentClosesAt:O}.");

    public static ProblemHttpResult IdempotencyKeyReused() =>
        Problem(ProblemTypes.IdempotencyKeyReused, StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
            $"This {IdempotencyKey.HeaderName} was already used for a different request body; use a new key for a new request.");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            title: "One or more validation errors occurred.",
            type: ProblemTypes.Validation);

    public static ValidationProblem PageTooDeep(PageRequest page) =>
        Invalid("page", $"Lists are served down to their {PageRequest.MaxDepth:D}th item: page × pageSize is at most {PageRequest.MaxDepth:D} " +
            $"(here {page.Page:D} × {page.PageSize:D}). Ask for a narrower list (a course's or a student's) instead of a deeper page.");

    private static ProblemHttpResult Problem(string type, int status, string title, string detail) =>
        TypedResults.Problem(type: type, statusCode: status, title: title, detail: detail);
}
