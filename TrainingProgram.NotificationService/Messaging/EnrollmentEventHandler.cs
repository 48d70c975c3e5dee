using System.Diagnostics;
using TrainingProgram.Messaging.Consuming;
using TrainingProgram.NotificationService.Email;
using TrainingProgram.NotificationService.Notifications;
using TrainingProgram.NotificationService.Telemetry;

namespace TrainingProgram.NotificationService.Messaging;

/// <summary>
/// Turns one enrollment event into one email: claims the event's notification (which also keeps an enrollment's
/// cancellation behind its confirmation), sends, and records that the SMTP server accepted it. Outages of the SMTP
/// server or the database are reported as such, so the consumer holds the message instead of spending its attempts.
/// </summary>
internal sealed partial class EnrollmentEventHandler(
    NotificationStore store,
    NotificationWrites writes,
    EnrollmentEmailComposer composer,
    IEmailSender emailSender,
    NotificationMetrics metrics,
    TimeProvider time,
    ILogger<EnrollmentEventHandler> logger) : IMessageHandler
{
    private static readonly TimeSpan LongestSentRecordDelay = TimeSpan.FromSeconds(5);

    public async Task<HandlingResult> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (!EnrollmentEventReader.TryRead(message.Body.Span, out var enrollmentEvent, out var rejection))
        {
            throw new RejectMessageException(rejection.Category, rejection.Description);
        }

        metrics.Consumed(enrollmentEvent.EventType);
        var activity = Activity.Current;
        activity?.SetTag(enrollmentEvent is WaitlistOfferChange ? "trainingprogram.waitlist_entry.id" : "trainingprogram.enrollment.id", enrollmentEvent.SubjectId);

        using var email = composer.Compose(enrollmentEvent);
        var notification = new Notification
        {
            EventId = enrollmentEvent.EventId,
            SubjectId = enrollmentEvent.SubjectId,
            Kind = KindOf(enrollmentEvent),
            Recipient = enrollmentEvent.StudentEmail,
            StudentNumber = enrollmentEvent.StudentNumber,
            SendBy = (enrollmentEvent as WaitlistOfferMade)?.OfferExpiresAt,
            Subject = email.Subject ?? "",
            Status = NotificationStatus.Pending,
        };

        switch (await ClaimAsync(notification, cancellationToken))
        {
            case ClaimResult.AlreadySent:
                activity?.SetTag("trainingprogram.notification.duplicate", true);
                LogDuplicate(enrollmentEvent.EventId);
                return HandlingResult.Handled;
            case ClaimResult.Superseded:
                activity?.SetTag("trainingprogram.notification.superseded", true);
                metrics.Superseded();
                LogSuperseded(enrollmentEvent.EventId, enrollmentEvent.EventType, enrollmentEvent.SubjectId);
                return HandlingResult.Handled;
            case ClaimResult.HeldElsewhere:
                activity?.SetTag("trainingprogram.notification.held_elsewhere", true);
                return HandlingResult.RetryLater($"another delivery of event {enrollmentEvent.EventId} is sending it");
            case ClaimResult.WaitForEarlier:
                activity?.SetTag("trainingprogram.notification.waits_for_confirmation", true);
                return HandlingResult.RetryLater($"the first email about {enrollmentEvent.SubjectId} is being sent; {enrollmentEvent.EventType} goes after it");
        }

        // Shutting down: do not start a send that could be cut off after the server accepted it, and do not make the
        // next delivery of this event wait for a claim nobody is using.
        if (cancellationToken.IsCancellationRequested)
        {
            await TryRecordAsync(enrollmentEvent.EventId, () => store.ReleaseClaimAsync(enrollmentEvent.EventId, CancellationToken.None));
            cancellationToken.ThrowIfCancellationRequested();
        }
        try
        {
            // Never cancelled half-way (SmtpTimeout bounds each read and write): once the server may have accepted it, the outcome must be recorded.
            await emailSender.SendAsync(email, CancellationToken.None);
        }
        catch (Exception ex)
        {
            throw await SendFailedAsync(enrollmentEvent, ex);
        }

        var acceptedAt = time.GetUtcNow();
        metrics.EmailSent(enrollmentEvent.EventType, acceptedAt - enrollmentEvent.OccurredAt);
        await RecordSentAsync(new SentEmail(enrollmentEvent.EventId, enrollmentEvent.SubjectId, acceptedAt, activity?.TraceId.ToHexString()));
        return HandlingResult.Handled;
    }

    private async Task<ClaimResult> ClaimAsync(Notification notification, CancellationToken cancellationToken)
    {
        try
        {
            return await writes.ClaimAsync(notification, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && DependencyFailures.AsDatabaseOutage(ex) is { } outage)
        {
            throw outage;
        }
    }

    /// <summary>Releases the claim (best effort) and says how the consumer should treat the failure.</summary>
    private async Task<Exception> SendFailedAsync(EnrollmentEvent enrollmentEvent, Exception failure)
    {
        var error = $"{failure.GetType().Name}: {failure.Message}";
        if (DependencyFailures.IsPermanentRefusal(failure))
        {
            await TryRecordAsync(enrollmentEvent.EventId, () => store.RecordFailedAttemptAsync(enrollmentEvent.EventId, error, CancellationToken.None));
            return new RejectMessageException(EventRejection.PermanentFailure, $"The SMTP server refused the email permanently: {error}", failure);
        }

        if (DependencyFailures.AsSmtpOutage(failure) is { } outage)
        {
            await TryRecordAsync(enrollmentEvent.EventId, () => store.ReleaseAsync(enrollmentEvent.EventId, error, CancellationToken.None));
            return outage;
        }

        await TryRecordAsync(enrollmentEvent.EventId, () => store.RecordFailedAttemptAsync(enrollmentEvent.EventId, error, CancellationToken.None));
        return failure;
    }

    /// <summary>
    /// The SMTP server has the email: from here on the only correct outcome is Sent. Releasing the claim on a database
    /// failure (as a failed attempt would) lets the next delivery send it again, so this keeps trying, with a short
    /// backoff, for as long as the database is away. Only a crash in that window can still cause a second email; it
    /// carries the same Message-Id, so mail clients show it once.
    /// </summary>
    private async Task RecordSentAsync(SentEmail email)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await writes.MarkSentAsync(email);
                if (attempt > 1)
                {
                    LogSentRecorded(email.EventId, attempt);
                }

                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogSentNotRecorded(ex, email.EventId, attempt, delay.TotalSeconds);
                await Task.Delay(delay, time);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestSentRecordDelay.Ticks));
            }
        }
    }

    public string? SubjectOf(ReceivedMessage message) =>
        EnrollmentEventReader.TryRead(message.Body.Span, out var enrollmentEvent, out _) ? enrollmentEvent.SubjectId.ToString() : null;

    /// <summary>The email will not be sent (unless an operator replays the dead letter): say so on its record.</summary>
    public async Task OnDeadLetteredAsync(ReceivedMessage message, string reason, string description, CancellationToken cancellationToken)
    {
        if (EnrollmentEventReader.TryRead(message.Body.Span, out var enrollmentEvent, out _))
        {
            metrics.EmailFailed(enrollmentEvent.EventType);
            await store.MarkFailedAsync(enrollmentEvent.EventId, description, cancellationToken);
        }
    }

    /// <summary>Best effort: when the database is down the message must still be settled.</summary>
    private async Task TryRecordAsync(Guid eventId, Func<Task> record)
    {
        try
        {
            await record();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNotRecorded(ex, eventId);
        }
    }

    private static NotificationKind KindOf(EnrollmentEvent enrollmentEvent) => enrollmentEvent switch
    {
        EnrollmentCancelled => NotificationKind.EnrollmentCancelled,
        WaitlistOfferMade => NotificationKind.WaitlistOfferMade,
        WaitlistOfferLapsed => NotificationKind.WaitlistOfferLapsed,
        _ => NotificationKind.EnrollmentCreated,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} was already notified; not sending it again")]
    private partial void LogDuplicate(Guid eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} ({EventType}): {SubjectId} was closed before this email went out; sending only the closing one")]
    private partial void LogSuperseded(Guid eventId, string eventType, Guid subjectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId}: the SMTP server accepted the email but recording it failed (try {Attempt}); trying again in {DelaySeconds} s, never resending")]
    private partial void LogSentNotRecorded(Exception ex, Guid eventId, int attempt, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId}: recorded as sent at try {Attempt}")]
    private partial void LogSentRecorded(Guid eventId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the outcome of event {EventId} in the database; the message goes on regardless")]
    private partial void LogNotRecorded(Exception ex, Guid eventId);
}
