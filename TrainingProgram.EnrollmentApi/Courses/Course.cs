using TrainingProgram.EnrollmentApi.Waitlist;

namespace TrainingProgram.EnrollmentApi.Courses;

public sealed class Course
{
    public const int CodeMaxLength = 16;
    public const int TitleMaxLength = 200;
    public const int MinCredits = 1;
    public const int MaxCredits = 60;
    public const int MaxCapacity = 10_000;
    public const int MaxWaitlistCapacity = 10_000;

    public Guid Id { get; init; }
    public required string Code { get; init; }
    public required string Title { get; init; }
    public int Credits { get; init; }
    public int Capacity { get; init; }

    /// <summary>Active enrollments, kept in step by the enrollment transactions.</summary>
    public int SeatsTaken { get; init; }

    /// <summary>Seats held for waitlisted students by open offers; the database keeps taken plus held within capacity.</summary>
    public int SeatsHeld { get; init; }

    /// <summary>How many students may wait for a seat; 0 = no waitlist (a full course refuses).</summary>
    public int WaitlistCapacity { get; init; }

    /// <summary>Students waiting (not those holding an offer); the database keeps it within 0..WaitlistCapacity.</summary>
    public int WaitlistLength { get; init; }

    public WaitlistPromotion WaitlistPromotion { get; init; }

    /// <summary>How many students ever joined the line: the next entry's ticket is this plus one.</summary>
    public long WaitlistTickets { get; init; }

    public DateTimeOffset? EnrollmentOpensAt { get; init; }
    public DateTimeOffset? EnrollmentClosesAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public int SeatsLeft => Capacity - SeatsTaken - SeatsHeld;

    /// <summary>The window includes its opening instant and excludes its closing one.</summary>
    public EnrollmentWindowState EnrollmentWindowAt(DateTimeOffset now) =>
        EnrollmentOpensAt is { } opens && now < opens ? EnrollmentWindowState.NotYetOpen
        : EnrollmentClosesAt is { } closes && now >= closes ? EnrollmentWindowState.Closed
        : EnrollmentWindowState.Open;
}
