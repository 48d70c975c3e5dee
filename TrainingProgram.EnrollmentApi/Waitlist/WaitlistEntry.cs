namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>
/// A student's place in a full course's line. <see cref="Ticket"/> orders the line (first come, first offered); the
/// entry is open while <see cref="WaitlistEntryStatus.Waiting"/> or <see cref="WaitlistEntryStatus.Offered"/>, and an
/// offered entry holds one seat of the course until it is accepted, declined or expires.
/// </summary>
public sealed class WaitlistEntry
{
    public Guid Id { get; init; }
    public Guid CourseId { get; init; }
    public Course Course { get; init; } = null!;
    public Guid StudentId { get; init; }
    public Student Student { get; init; } = null!;

    /// <summary>The course's running count at joining time: the order of the line.</summary>
    public long Ticket { get; init; }

    public WaitlistEntryStatus Status { get; set; }
    public DateTimeOffset JoinedAt { get; init; }

    /// <summary>The subject (token <c>sub</c>) of whoever put the student in line: the student, or a registrar.</summary>
    public required string JoinedBy { get; init; }

    public DateTimeOffset? OfferedAt { get; set; }

    /// <summary>The claim deadline: the seat is held for the student until then.</summary>
    public DateTimeOffset? OfferExpiresAt { get; set; }

    /// <summary>When the entry closed (accepted, declined, expired, left); null while open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    /// <summary>The enrollment the entry turned into (accepted offer, or automatic promotion).</summary>
    public Guid? EnrollmentId { get; set; }

    public bool IsOpen => Status is WaitlistEntryStatus.Waiting or WaitlistEntryStatus.Offered;

    public static WaitlistEntry Join(Guid studentId, Guid courseId, long ticket, DateTimeOffset now, string actor) => new()
    {
        Id = Guid.CreateVersion7(now),
        StudentId = studentId,
        CourseId = courseId,
        Ticket = ticket,
        Status = WaitlistEntryStatus.Waiting,
        JoinedAt = now,
        JoinedBy = actor,
    };
}
