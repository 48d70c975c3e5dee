using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrainingProgram.Messaging.Consuming;

/// <summary>
/// Pauses a consumer while a dependency is down. The first delivery that meets the outage closes the gate; from then
/// on every delivery waits at the gate (held in memory, unacked: the broker sends no more than the prefetch), and one
/// at a time is let through as a probe, after 1 s, then 2, 4 ... up to <see cref="ConsumerOptions.OutageProbeMaxInterval"/>.
/// The first delivery that gets through opens it again. Nothing is counted against the messages, so an outage of any
/// length uses up no attempts and sends nothing to the dead letters.
/// </summary>
public sealed partial class OutageGate(TimeProvider clock, IOptions<ConsumerOptions> options, ILogger<OutageGate> logger)
{
    private static readonly TimeSpan FirstProbeInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private TaskCompletionSource _opened = NewOpened(open: true);
    private string? _dependency;
    private DateTimeOffset _closedAt;
    private DateTimeOffset _nextProbeAt;
    private TimeSpan _probeInterval = FirstProbeInterval;
    private bool _probing;

    /// <summary>The dependency the consumer is waiting for, or null while it runs.</summary>
    public string? WaitingFor
    {
        get
        {
            lock (_gate)
            {
                return _dependency;
            }
        }
    }

    /// <summary>Returns when this delivery may run: the gate is open, or it is this delivery's turn to probe.</summary>
    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task opened;
            TimeSpan untilProbe;
            lock (_gate)
            {
                if (_dependency is null)
                {
                    return;
                }

                var now = clock.GetUtcNow();
                if (!_probing && now >= _nextProbeAt)
                {
                    _probing = true;
                    return;
                }

                opened = _opened.Task;
                untilProbe = _probing ? _probeInterval : _nextProbeAt - now;
            }

            await Task.WhenAny(opened, Task.Delay(untilProbe, clock, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>A delivery got through: if the gate was closed, the dependency is back.</summary>
    public void Succeeded()
    {
        lock (_gate)
        {
            if (_dependency is null)
            {
                return;
            }

            var downFor = clock.GetUtcNow() - _closedAt;
            LogResumed(_dependency, downFor);
            _dependency = null;
            _probing = false;
            _probeInterval = FirstProbeInterval;
            _opened.TrySetResult();
        }
    }

    /// <summary>A delivery met an outage (or a probe failed): close the gate, or push the next probe further out.</summary>
    public void Failed(DependencyUnavailableException outage)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_dependency is null)
            {
                _dependency = outage.Dependency;
                _closedAt = now;
                _probeInterval = FirstProbeInterval;
                _opened = NewOpened(open: false);
                LogPaused(outage.Dependency, outage.InnerException?.Message ?? outage.Message);
            }
            else if (_probing)
            {
                _dependency = outage.Dependency;
                _probeInterval = TimeSpan.FromTicks(Math.Min(_probeInterval.Ticks * 2, options.Value.OutageProbeMaxInterval.Ticks));
                var downFor = now - _closedAt;
                LogStillDown(outage.Dependency, downFor, _probeInterval.TotalSeconds);
            }

            _probing = false;
            _nextProbeAt = now + _probeInterval;
        }
    }

    private static TaskCompletionSource NewOpened(bool open)
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            opened.SetResult();
        }

        return opened;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} is unavailable ({Error}); holding deliveries and probing until it is back. No message loses an attempt.")]
    private partial void LogPaused(string dependency, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Dependency} is still unavailable after {Elapsed}; next probe in {Seconds} s")]
    private partial void LogStillDown(string dependency, TimeSpan elapsed, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Dependency} is back after {Elapsed}; resuming deliveries")]
    private partial void LogResumed(string dependency, TimeSpan elapsed);
}
