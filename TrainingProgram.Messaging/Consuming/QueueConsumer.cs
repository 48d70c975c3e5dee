using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using TrainingProgram.Messaging.DeadLetters;
using TrainingProgram.Messaging.Tracing;

namespace TrainingProgram.Messaging.Consuming;

/// <summary>
/// Declares <see cref="ConsumerTopology"/> and consumes it with manual acks, a bounded prefetch and bounded concurrency,
/// settling every delivery by what its <see cref="IMessageHandler"/> did (see there). A message is acked only once it
/// is handled, or its copy is confirmed in a delay queue, or it is stored in the dead letters; it is never returned
/// to the queue with a nack, so nothing depends on how a RabbitMQ version counts returns. A hosted service: the host
/// waits for it to start (declaration failures stop start-up) and to stop (in-flight deliveries finish first, and no
/// new handling starts). The connection's automatic recovery re-declares the topology and re-registers the consumer.
/// </summary>
internal sealed partial class QueueConsumer(
    IConnection connection,
    ConsumerTopology topology,
    DeliveryRepublisher republisher,
    DeadLetterSink deadLetters,
    OutageGate gate,
    IServiceScopeFactory scopes,
    ConsumerMetrics metrics,
    IOptions<ConsumerOptions> options,
    TimeProvider clock,
    ILogger<QueueConsumer> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan ParkTimeout = TimeSpan.FromSeconds(5);

    private readonly RetrySchedule _schedule = RetrySchedule.From(options.Value);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _inFlightGate = new();
    private int _inFlight;
    private TaskCompletionSource? _drained;

    /// <summary>The longest the channel's close may take at stop (<see cref="ChannelClosing"/>).</summary>
    internal static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private ConsumerResumption? _resumption;
    private IChannel? _channel;
    private AsyncEventingBasicConsumer? _consumer;
    private string? _consumerTag;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DeclareTopologyAsync(cancellationToken);
        _resumption = new ConsumerResumption(connection, topology.Queue,
            async ct =>
            {
                // The queue may be what went away (deleted): declared again first, idempotently.
                await DeclareTopologyAsync(ct);
                await ConsumeAsync(ct);
            },
            () => _channel is { IsOpen: true } && _consumer is { IsRunning: true }, clock, logger, _stopping.Token);
        await ConsumeAsync(cancellationToken);
        LogStarted(topology.Queue, options.Value.PrefetchCount, options.Value.Concurrency);
    }

    private async Task DeclareTopologyAsync(CancellationToken cancellationToken)
    {
        await using var topologyChannel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await QueueTopology.DeclareAsync(topologyChannel, topology, _schedule, cancellationToken);
        await topologyChannel.CloseAsync(cancellationToken);
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false,
                consumerDispatchConcurrency: settings.Concurrency),
            cancellationToken);
        await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: settings.PrefetchCount, global: false, cancellationToken);

        // The client raises the shutdown event before it waits for every running handler, and the connection's close
        // (the broker gone, a stop) waits for that in turn: a handler held at the outage gate lets go of its delivery
        // then. Deliveries still queued for the handlers are dispatched after the channel closed: the broker has them
        // back, so they are skipped. The automatic recovery reopens this same channel, whose deliveries then belong to
        // its next life.
        var lives = new ChannelLives();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (sender, delivery) =>
            channel.IsOpen ? OnReceivedAsync(sender, delivery, lives.Current) : Task.CompletedTask;
        channel.ChannelShutdownAsync += (_, _) => lives.EndAsync();
        _resumption!.Watch(channel, consumer, () => ReferenceEquals(_consumer, consumer));
        _consumerTag = await channel.BasicConsumeAsync(topology.Queue, autoAck: false, consumer, cancellationToken);
        _consumer = consumer;
        var replaced = Interlocked.Exchange(ref _channel, channel);
        if (replaced is not null)
        {
            // Closed, or open with its consumer cancelled by the broker: either way the connection's next recovery would
            // reopen it, with its consumer, beside this one, unless it is closed or disposed.
            if (replaced.IsOpen)
            {
                await ChannelClosing.BoundedAsync(replaced, CloseTimeout, LogCloseFailed);
            }

            await replaced.DisposeAsync();
        }
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery, CancellationToken channelLost)
    {
        if (!TryEnter())
        {
            return; // stopping: leave it unacked; the broker gives it to another consumer
        }

        var channel = ((AsyncEventingBasicConsumer)sender).Channel;
        try
        {
            await SettleAsync(delivery, _stopping.Token, channelLost);
            if (!channelLost.IsCancellationRequested)
            {
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
            }

            // Otherwise the broker has it back already, and its next delivery finds it handled.
        }
        catch (OperationCanceledException) when (channelLost.IsCancellationRequested)
        {
            // Let go while held: the broker has the delivery back with the channel.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (!_stopping.IsCancellationRequested && !channelLost.IsCancellationRequested)
            {
                LogNotSettled(ex, delivery.BasicProperties.MessageId);
                await ReturnAsync(channel, delivery);
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// The delivery could not be settled and the channel may still be open (the broker refused a delay-queue copy, a
    /// bug): give it back with basic.reject, which every RabbitMQ version counts toward the queue's delivery limit, so
    /// that a message that keeps failing this way ends in the dead letters instead of occupying a prefetch slot for
    /// good. (basic.nack with requeue is never used: RabbitMQ 4.3 no longer counts it.) If the channel is gone, the
    /// broker has the message back already.
    /// </summary>
    private async Task ReturnAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        try
        {
            await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogReturnFailed(ex.Message);
        }
    }

    /// <summary>Returns once the delivery may be acked; throws only when stopping or when the channel is gone.</summary>
    private async Task SettleAsync(BasicDeliverEventArgs delivery, CancellationToken stopping, CancellationToken channelLost)
    {
        var message = ReceivedMessage.From(delivery);
        var heldSince = clock.GetTimestamp();
        while (true)
        {
            if (!await EnterOrParkAsync(delivery, message, heldSince, stopping, channelLost))
            {
                return;
            }

            using var activity = MessagingSpans.StartProcess(topology.Queue, message, delivery.DeliveryTag, delivery.Body.Length);
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<IMessageHandler>();
            try
            {
                var result = await handler.HandleAsync(message, stopping);
                gate.Succeeded();
                metrics.Handled(message.Type, result.IsRetryLater ? "retry_later" : "handled");
                if (result.IsRetryLater)
                {
                    activity?.SetTag("trainingprogram.retry_later", result.Reason);
                    LogRetryLater(message.MessageId, result.Reason, _schedule.Later.Delay.TotalSeconds);
                    await republisher.RetryAsync(delivery, _schedule.Later, message.FailedAttempts, stopping);
                }

                return;
            }
            catch (DependencyUnavailableException outage) when (!stopping.IsCancellationRequested)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outage.Message);
                activity?.SetTag("trainingprogram.outage", outage.Dependency);
                metrics.Held(outage.Dependency);
                gate.Failed(outage);
                // Loop: wait at the gate and handle the same delivery again; nothing is counted.
            }
            catch (RejectMessageException rejection) when (!stopping.IsCancellationRequested)
            {
                gate.Succeeded();
                activity?.SetStatus(ActivityStatusCode.Error, rejection.Message);
                LogRejected(message.MessageId, rejection.Reason, rejection.Message);
                await deadLetters.StoreAsync(delivery.BasicProperties, message, rejection.Reason, rejection.Message, message.FailedAttempts, stopping);
                return;
            }
            catch (Exception failure) when (!stopping.IsCancellationRequested)
            {
                gate.Succeeded();
                activity?.AddException(failure);
                activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
                await FailAttemptAsync(delivery, message, failure, stopping);
                return;
            }
        }
    }

    /// <summary>
    /// Waits at the outage gate. A delivery held longer than <see cref="ConsumerOptions.LongestHold"/>, or still held when the consumer
    /// stops, is parked instead: copied to the delay queue of <see cref="ConsumerOptions.ParkDelay"/> (30 s by default)
    /// with its attempt count unchanged, and acked (returns false). Held deliveries are unacked, and the broker ends a consumer whose deliveries stay unacked past its
    /// consumer_timeout (30 minutes by default); one left unacked at a stop would be returned at channel close, which
    /// RabbitMQ 3.10 counts toward the delivery limit. Parking keeps both from depending on how long the outage lasts.
    /// </summary>
    private async Task<bool> EnterOrParkAsync(
        BasicDeliverEventArgs delivery, ReceivedMessage message, long heldSince, CancellationToken stopping, CancellationToken channelLost)
    {
        if (gate.WaitingFor is null)
        {
            return true; // the usual case: nothing to wait for, so no hold limit to arm
        }

        var holdLeft = options.Value.LongestHold - clock.GetElapsedTime(heldSince);
        if (holdLeft > TimeSpan.Zero)
        {
            using var holdLimit = CancellationTokenSource.CreateLinkedTokenSource(stopping, channelLost);
            holdLimit.CancelAfter(holdLeft);
            try
            {
                await gate.EnterAsync(holdLimit.Token);
                return true;
            }
            catch (OperationCanceledException) when (gate.WaitingFor is not null)
            {
                // The channel is gone: nothing to park it from. Otherwise held too long, or stopping during an outage:
                // park it below.
                channelLost.ThrowIfCancellationRequested();
            }
        }
        else if (gate.WaitingFor is null)
        {
            return true;
        }

        using var parkTimeout = new CancellationTokenSource(ParkTimeout);
        await republisher.RetryAsync(delivery, _schedule.Park, message.FailedAttempts, parkTimeout.Token);
        metrics.Parked();
        return false;
    }

    private async Task FailAttemptAsync(BasicDeliverEventArgs delivery, ReceivedMessage message, Exception failure, CancellationToken stopping)
    {
        var failedAttempts = message.FailedAttempts + 1;
        var error = $"{failure.GetType().Name}: {failure.Message}";
        if (failedAttempts >= options.Value.MaxAttempts)
        {
            LogGivingUp(failure, message.MessageId, failedAttempts);
            await deadLetters.StoreAsync(delivery.BasicProperties, message, DeadLetterReasons.AttemptsExhausted,
                $"Gave up after {failedAttempts} attempts; last error: {error}", failedAttempts, stopping);
            return;
        }

        var tier = _schedule.For(failedAttempts);
        LogRetrying(message.MessageId, failedAttempts, tier.Delay.TotalSeconds, error);
        await republisher.RetryAsync(delivery, tier, failedAttempts, stopping);
        metrics.Retried(tier.Name);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // No handling starts from now on: deliveries waiting at a closed gate are parked, and those not yet past their
        // claim stop and stay unacked (the broker delivers them again). A handler already sending does not watch this
        // token: it finishes and records the outcome, within the host's shutdown timeout. Cancelled first, so that
        // cancelling the consumer below is not taken for the broker's doing.
        await _stopping.CancelAsync();

        if (_channel is { IsOpen: true } channel && _consumerTag is not null)
        {
            try
            {
                await channel.BasicCancelAsync(_consumerTag, noWait: false, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCancelFailed(ex.Message);
            }
        }

        Task drained;
        lock (_inFlightGate)
        {
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight == 0)
            {
                _drained.SetResult();
            }

            drained = _drained.Task;
        }

        try
        {
            await drained.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout: what is still in flight stays unacked and is delivered again.
        }

        if (_channel is { IsOpen: true })
        {
            await ChannelClosing.BoundedAsync(_channel, CloseTimeout, LogCloseFailed);
        }
    }

    private bool TryEnter()
    {
        lock (_inFlightGate)
        {
            if (_drained is not null)
            {
                return false;
            }

            _inFlight++;
            return true;
        }
    }

    private void Exit()
    {
        lock (_inFlightGate)
        {
            if (--_inFlight == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        _stopping.Dispose();
        _resumption?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming {Queue} (prefetch {Prefetch}, concurrency {Concurrency})")]
    private partial void LogStarted(string queue, ushort prefetch, ushort concurrency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} could not be settled; returning it to the queue")]
    private partial void LogNotSettled(Exception ex, string? messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not return the message to the queue ({Error}); the broker will deliver it again when the channel closes")]
    private partial void LogReturnFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not cancel the consumer cleanly: {Error}")]
    private partial void LogCancelFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the consumer's channel at stop failed or took too long ({Error}); its unacked deliveries return to the queue when the connection closes")]
    private partial void LogCloseFailed(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} waits {DelaySeconds} s: {Reason}")]
    private partial void LogRetryLater(string? messageId, string? reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettering message {MessageId} ({Reason}): {Description}")]
    private partial void LogRejected(string? messageId, string reason, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} for message {MessageId} failed; retrying in {DelaySeconds} s: {Error}")]
    private partial void LogRetrying(string? messageId, int attempt, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Giving up on message {MessageId} after {Attempts} attempt(s); dead-lettering it")]
    private partial void LogGivingUp(Exception ex, string? messageId, int attempts);

}
