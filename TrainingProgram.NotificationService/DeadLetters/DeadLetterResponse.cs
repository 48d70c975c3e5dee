using System.Text;
using TrainingProgram.Messaging.DeadLetters;

namespace TrainingProgram.NotificationService.DeadLetters;

/// <summary>A dead letter as operators see it: what it was, why it was given up on, and the body as received.</summary>
/// <param name="EnrollmentId">The enrollment an enrollment event is about (null when unreadable, or a waitlist event).</param>
/// <param name="WaitlistEntryId">The waitlist entry a waitlist offer event is about.</param>
internal sealed record DeadLetterResponse(
    long Id,
    string? MessageId,
    string? EventType,
    Guid? EnrollmentId,
    Guid? WaitlistEntryId,
    string Reason,
    string Description,
    int Attempts,
    int Replays,
    DateTimeOffset DeadLetteredAt,
    string RoutingKey,
    string Body)
{
    public static DeadLetterResponse From(DeadLetter deadLetter) => new(
        deadLetter.Id,
        deadLetter.MessageId,
        deadLetter.MessageType,
        IsWaitlistEvent(deadLetter) ? null : SubjectOf(deadLetter),
        IsWaitlistEvent(deadLetter) ? SubjectOf(deadLetter) : null,
        deadLetter.Reason,
        deadLetter.Description,
        deadLetter.Attempts,
        deadLetter.Replays,
        deadLetter.DeadLetteredAt,
        deadLetter.RoutingKey,
        Encoding.UTF8.GetString(deadLetter.Body));

    private static bool IsWaitlistEvent(DeadLetter deadLetter) =>
        deadLetter.MessageType?.StartsWith("WaitlistOffer", StringComparison.Ordinal) == true;

    private static Guid? SubjectOf(DeadLetter deadLetter) => Guid.TryParse(deadLetter.Subject, out var id) ? id : null;
}

/// <summary>How many dead letters an operation replayed or discarded.</summary>
internal sealed record DeadLetterCount(int Count);
