using System.Diagnostics;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Events;
using TrainingProgram.NotificationService.Email;
using TrainingProgram.NotificationService.Notifications;
using TrainingProgram.NotificationService.Telemetry;
using TrainingProgram.ServiceDefaults.Messaging;

namespace TrainingProgram.NotificationService.Messaging;

/// <summary>
/// Handles one delivery from start to finish. When <see cref="ProcessAsync"/> returns, the message is settled (the
/// email was sent or had been sent before, or the message now sits in a delay queue or the dead-letter queue, confirmed
/// by the broker) and the caller acks it. When it throws, nothing is settled and the caller must not ack.
/// </summary>
internal sealed partial class EnrollmentEventProcessor(
    IServiceScopeFactory scopes,
    EnrollmentEmailComposer composer,
    IEmailSender emailSender,
    DeliveryRepublisher republisher,
    NotificationMetrics metrics,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<EnrollmentEventProcessor> logger)
{
    public const string ProcessSpanName = NotificationTopology.Queue + " process";

    public async Task ProcessAsync(BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        using var activity = StartProcessActivity(delivery);

        if (!EnrollmentEventReader.TryRead(delivery.Body.Span, out var enrollmentEvent, out var rejection))
        {
            metrics.Consumed(delivery.BasicProperties.Type);
            LogRejected(delivery.BasicProperties.MessageId, rejection.Description);
            activity?.SetStatus(ActivityStatusCode.Error, rejection.Description);
            await DeadLetterAsync(delivery, rejection, cancellationToken);
            return;
        }

        metrics.Consumed(enrollmentEvent.EventType);
        activity?.SetTag("trainingprogram.enrollment.id", enrollmentEvent.EnrollmentId);
        var failedBefore = MessageHeaders.ReadRetryAttempt(delivery.BasicProperties.Headers);
        activity?.SetTag("trainingprogram.retry_attempt", failedBefore);

        try
        {
            await DeliverAsync(delivery, enrollmentEvent, failedBefore, activity, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.AddException(ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            await HandleFailureAsync(delivery, enrollmentEvent, failedBefore + 1, ex, cancellationToken);
        }
    }

    private async Task DeliverAsync(BasicDeliverEventArgs delivery, EnrollmentEvent enrollmentEvent, int failedBefore, Activity? activity, CancellationToken cancellationToken)
    {
        using var email = composer.Compose(enrollmentEvent);
        var notification = new Notification
        {
            EventId = enrollmentEvent.EventId,
            EnrollmentId = enrollmentEvent.EnrollmentId,
            Kind = KindOf(enrollmentEvent),
            Recipient = enrollmentEvent.StudentEmail,
            Subject = email.Subject ?? "",
            Status = NotificationStatus.Pending,
        };

        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<NotificationStore>();
        switch (await store.ClaimAsync(notification, options.Value.ClaimDuration, cancellationToken))
        {
            case ClaimResult.AlreadySent:
                activity?.SetTag("trainingprogram.notification.duplicate", true);
                LogDuplicate(enrollmentEvent.EventId);
                return;
            case ClaimResult.HeldElsewhere:
                // Not a failed attempt: the other delivery is sending it. Look again later; by then it is Sent or released.
                activity?.SetTag("trainingprogram.notification.held_elsewhere", true);
                LogHeldElsewhere(enrollmentEvent.EventId, RetrySchedule.WhileHeldElsewhere.Delay.TotalSeconds);
                await republisher.RetryAsync(delivery, RetrySchedule.WhileHeldElsewhere, failedBefore, cancellationToken);
                metrics.Retried(RetrySchedule.WhileHeldElsewhere.Name);
                return;
        }

        await emailSender.SendAsync(email, cancellationToken);
        var acceptedAt = time.GetUtcNow();
        metrics.EmailSent(enrollmentEvent.EventType, acceptedAt - enrollmentEvent.OccurredAt);

        // A crash (or a database failure) between the SMTP server's acceptance and this update is the one window in
        // which the email can go out twice; the duplicate carries the same Message-Id.
        await store.MarkSentAsync(enrollmentEvent.EventId, acceptedAt, activity?.TraceId.ToHexString(), cancellationToken);
    }

    private async Task HandleFailureAsync(BasicDeliverEventArgs delivery, EnrollmentEvent enrollmentEvent, int failedAttempts, Exception ex, CancellationToken cancellationToken)
    {
        var error = $"{ex.GetType().Name}: {ex.Message}";
        var permanent = IsPermanent(ex);
        if (permanent || failedAttempts >= options.Value.MaxAttempts)
        {
            LogGivingUp(ex, enrollmentEvent.EventId, failedAttempts);
            await TryRecordAsync(enrollmentEvent.EventId, store => store.MarkFailedAsync(enrollmentEvent.EventId, error, cancellationToken));
            metrics.EmailFailed(enrollmentEvent.EventType);
            await DeadLetterAsync(delivery, permanent
                ? new EventRejection(EventRejection.PermanentFailure, $"The SMTP server refused the email permanently: {error}")
                : new EventRejection(EventRejection.AttemptsExhausted, $"Gave up after {failedAttempts} attempts; last error: {error}"),
                cancellationToken);
            return;
        }

        var tier = RetrySchedule.For(failedAttempts);
        LogRetrying(enrollmentEvent.EventId, failedAttempts, tier.Delay.TotalSeconds, error);
        await TryRecordAsync(enrollmentEvent.EventId, store => store.RecordFailedAttemptAsync(enrollmentEvent.EventId, error, cancellationToken));
        await republisher.RetryAsync(delivery, tier, failedAttempts, cancellationToken);
        metrics.Retried(tier.Name);
    }

    /// <summary>Best effort: when the database is down the message must still go round the retry loop.</summary>
    private async Task TryRecordAsync(Guid eventId, Func<NotificationStore, Task> record)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await record(scope.ServiceProvider.GetRequiredService<NotificationStore>());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRecorded(ex, eventId);
        }
    }

    private async Task DeadLetterAsync(BasicDeliverEventArgs delivery, EventRejection rejection, CancellationToken cancellationToken)
    {
        await republisher.DeadLetterAsync(delivery, rejection.Description, cancellationToken);
        metrics.DeadLettered(rejection.Category);
    }

    /// <summary>A recipient the server refuses for good will be refused on every retry too.</summary>
    private static bool IsPermanent(Exception ex) =>
        ex is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted, StatusCode: >= (SmtpStatusCode)500 };

    private static NotificationKind KindOf(EnrollmentEvent enrollmentEvent) => enrollmentEvent switch
    {
        EnrollmentCancelled => NotificationKind.EnrollmentCancelled,
        _ => NotificationKind.EnrollmentCreated,
    };

    /// <summary>
    /// The consumer span's parent is the producer's context from the message headers, so that one trace runs from
    /// the Enrollment API's HTTP request to the email (not a link, which would start a new trace per message).
    /// </summary>
    private static Activity? StartProcessActivity(BasicDeliverEventArgs delivery)
    {
        var parent = AmqpTraceContext.Extract(delivery.BasicProperties.Headers);
        var activity = NotificationTracing.Source.StartActivity(ProcessSpanName, ActivityKind.Consumer, parent.ActivityContext);
        if (activity is { IsAllDataRequested: true })
        {
            var exchange = MessageHeaders.ReadString(delivery.BasicProperties.Headers, MessageHeaders.OriginalExchange) ?? delivery.Exchange;
            activity.SetTag("messaging.system", "rabbitmq");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.operation.name", "process");
            activity.SetTag("messaging.destination.name", exchange);
            activity.SetTag("messaging.consumer.group.name", NotificationTopology.Queue);
            activity.SetTag("messaging.rabbitmq.destination.routing_key", delivery.RoutingKey);
            activity.SetTag("messaging.rabbitmq.message.delivery_tag", delivery.DeliveryTag);
            activity.SetTag("messaging.message.id", delivery.BasicProperties.MessageId);
            activity.SetTag("messaging.message.body.size", delivery.Body.Length);
        }

        return activity;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettering message {MessageId}: {Reason}")]
    private partial void LogRejected(string? messageId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} was already notified; not sending it again")]
    private partial void LogDuplicate(Guid eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} is being sent by another delivery; looking again in {DelaySeconds} s")]
    private partial void LogHeldElsewhere(Guid eventId, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} for event {EventId} failed; retrying in {DelaySeconds} s: {Error}")]
    private partial void LogRetrying(Guid eventId, int attempt, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Giving up on event {EventId} after {Attempts} attempt(s); dead-lettering it")]
    private partial void LogGivingUp(Exception ex, Guid eventId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the outcome of event {EventId} in the database; the message goes on regardless")]
    private partial void LogNotRecorded(Exception ex, Guid eventId);
}
