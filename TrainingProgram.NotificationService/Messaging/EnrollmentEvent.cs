using System.Text.Json.Serialization;

namespace TrainingProgram.NotificationService.Messaging;

/// <summary>
/// The fields every enrollment event carries (docs/events.md, version 1): one student, one course. These are this
/// service's own types: no contract assembly is shared with the publisher.
/// </summary>
internal abstract record EnrollmentEvent
{
    public required Guid EventId { get; init; }
    public required string EventType { get; init; }
    public required int EventVersion { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid StudentId { get; init; }

    /// <summary>Optional in version 1: events published before it was added lack it.</summary>
    public string? StudentNumber { get; init; }
    public required string StudentName { get; init; }
    public required string StudentEmail { get; init; }
    public required Guid CourseId { get; init; }
    public required string CourseCode { get; init; }
    public required string CourseTitle { get; init; }

    /// <summary>
    /// What the event is about (an enrollment, or a waitlist entry's offer). Its emails go out in order: the one that
    /// closes it never before the one that opened it.
    /// </summary>
    [JsonIgnore]
    public abstract Guid SubjectId { get; }
}

/// <summary>An enrollment's events.</summary>
internal abstract record EnrollmentChange : EnrollmentEvent
{
    public required Guid EnrollmentId { get; init; }

    public override Guid SubjectId => EnrollmentId;
}

/// <summary>A student enrolled in a course.</summary>
internal sealed record EnrollmentCreated : EnrollmentChange
{
    public const string TypeName = "EnrollmentCreated";
}

/// <summary>A student's enrollment was cancelled; <see cref="EnrollmentEvent.OccurredAt"/> is the cancellation time.</summary>
internal sealed record EnrollmentCancelled : EnrollmentChange
{
    public const string TypeName = "EnrollmentCancelled";
}

/// <summary>The events of a seat offered to a waitlisted student.</summary>
internal abstract record WaitlistOfferChange : EnrollmentEvent
{
    public required Guid WaitlistEntryId { get; init; }

    /// <summary>The claim deadline: the seat was held until then.</summary>
    public required DateTimeOffset OfferExpiresAt { get; init; }

    public override Guid SubjectId => WaitlistEntryId;
}

/// <summary>A freed seat is held for the student until <see cref="WaitlistOfferChange.OfferExpiresAt"/>.</summary>
internal sealed record WaitlistOfferMade : WaitlistOfferChange
{
    public const string TypeName = "WaitlistOfferMade";
}

/// <summary>The offer closed without an enrollment: <see cref="Reason"/> <c>Expired</c> or <c>Declined</c>.</summary>
internal sealed record WaitlistOfferLapsed : WaitlistOfferChange
{
    public const string TypeName = "WaitlistOfferLapsed";
    public const string Expired = "Expired";
    public const string Declined = "Declined";

    public required string Reason { get; init; }
}
