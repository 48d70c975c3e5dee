namespace TrainingProgram.Tests.EnrollmentApi;

// The API's JSON as a client sees it: written here, not borrowed from the API, so a renamed field fails a test.

public sealed record StudentJson(Guid Id, string StudentNumber, string FullName, string Email);

public sealed record CourseJson(
    Guid Id, string Code, string Title, int Credits, int Capacity, int SeatsTaken, int SeatsLeft,
    DateTimeOffset? EnrollmentOpensAt, DateTimeOffset? EnrollmentClosesAt,
    int SeatsHeld, int WaitlistCapacity, int WaitlistLength, string WaitlistPromotion);

public sealed record WaitlistEntryJson(
    Guid Id, Guid StudentId, Guid CourseId, string Status, int? Position, DateTimeOffset JoinedAt,
    DateTimeOffset? OfferedAt, DateTimeOffset? OfferExpiresAt, DateTimeOffset? ClosedAt, Guid? EnrollmentId);

public sealed record EnrollmentJson(Guid Id, Guid StudentId, Guid CourseId, string Status, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt);

public sealed record PageJson<T>(List<T> Items, int Page, int PageSize, int TotalCount);

public sealed record ProblemJson(string Type, string Title, int Status, string? Detail, string? Instance, Dictionary<string, string[]>? Errors);
