namespace TrainingProgram.EnrollmentApi.Courses;

public sealed class Course
{
    public const int CodeMaxLength = 16;
    public const int TitleMaxLength = 200;
    public const int MinCredits = 1;
    public const int MaxCredits = 60;
    public const int MaxCapacity = 10_000;

    public Guid Id { get; init; }
    public required string Code { get; init; }
    public required string Title { get; init; }
    public int Credits { get; init; }
    public int Capacity { get; init; }

    /// <summary>Active enrollments, kept in step by the enrollment transactions; the database keeps it within 0..Capacity.</summary>
    public int SeatsTaken { get; init; }

    public DateTimeOffset? EnrollmentOpensAt { get; init; }
    public DateTimeOffset? EnrollmentClosesAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public int SeatsLeft => Capacity - SeatsTaken;

    /// <summary>The window includes its opening instant and excludes its closing one.</summary>
    public EnrollmentWindowState EnrollmentWindowAt(DateTimeOffset now) =>
        EnrollmentOpensAt is { } opens && now < opens ? EnrollmentWindowState.NotYetOpen
        : EnrollmentClosesAt is { } closes && now >= closes ? EnrollmentWindowState.Closed
        : EnrollmentWindowState.Open;
}
