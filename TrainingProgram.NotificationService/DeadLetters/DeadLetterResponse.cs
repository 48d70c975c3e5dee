using System.Text;
using TrainingProgram.Messaging.DeadLetters;

namespace TrainingProgram.NotificationService.DeadLetters;

/// <summary>A dead letter as operators see it: what it was, why it was given up on, and the body as received.</summary>
internal sealed record DeadLetterResponse(
    long Id,
    string? MessageId,
    string? EventType,
    Guid? EnrollmentId,
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
        Guid.TryParse(deadLetter.Subject, out var enrollmentId) ? enrollmentId : null,
        deadLetter.Reason,
        deadLetter.Description,
        deadLetter.Attempts,
        deadLetter.Replays,
        deadLetter.DeadLetteredAt,
        deadLetter.RoutingKey,
        Encoding.UTF8.GetString(deadLetter.Body));
}

/// <summary>How many dead letters an operation replayed or discarded.</summary>
internal sealed record DeadLetterCount(int Count);
