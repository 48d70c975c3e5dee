namespace TrainingProgram.Soak;

/// <summary>What a request learned from the API; only <see cref="Success"/> and <see cref="Refused"/> are answers to rely on.</summary>
public enum Answer
{
    /// <summary>2xx: the API says it committed.</summary>
    Success,

    /// <summary>4xx: the API says it changed nothing (or, for already-enrolled, that it had been done).</summary>
    Refused,

    /// <summary>5xx: the API failed; what it committed before failing is only known from the database.</summary>
    ServerError,

    /// <summary>No answer: refused connection, reset, timeout. The request may or may not have committed.</summary>
    NoAnswer,
}

public sealed record EnrollRequest(Guid StudentId, Guid CourseId, TimeSpan At, Answer Answer, int? Status, string? Problem, Guid? EnrollmentId, string? Error);

public sealed record CancelRequest(Guid EnrollmentId, TimeSpan At, Answer Answer, int? Status, string? Error);
