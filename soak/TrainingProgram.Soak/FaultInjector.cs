using System.Collections.Concurrent;
using System.Diagnostics;

namespace TrainingProgram.Soak;

/// <summary>What became of one planned fault; times are from the start of the load.</summary>
public sealed record FaultRecord(PlannedFault Plan, string Target, TimeSpan? DownAt, TimeSpan? StartedAt, TimeSpan? RunningAt, bool Healthy, string? Error)
{
    public TimeSpan? DownFor => StartedAt - DownAt;

    /// <summary>Its resource was busy with an earlier fault until too close to the end of the load.</summary>
    public bool Skipped => DownAt is null && Error is null;
}

/// <summary>
/// Carries out a <see cref="FaultPlan"/> against the running topology and prints each step as it happens. Commands
/// that take longer than planned push a fault back rather than overlap two of one resource or more than
/// <see cref="FaultPlan.MostAtOnce"/>; a fault pushed past the end of the load is cut short or skipped.
/// </summary>
public sealed class FaultInjector(ResourceControl resources, MailLedger mail, Stopwatch clock, TimeSpan loadDuration) : IDisposable
{
    private const string Mail = "mail";

    /// <summary>Every restart is issued at least this long before the load stops.</summary>
    private static readonly TimeSpan EndMargin = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ShortestOutage = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan HealthyWithin = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan StopAfterAll = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _slots = new(FaultPlan.MostAtOnce);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _byResource = new();
    private readonly ConcurrentQueue<FaultRecord> _records = new();

    public IReadOnlyList<FaultRecord> Records => [.. _records.OrderBy(r => r.Plan.At)];

    public Task RunAsync(IReadOnlyList<PlannedFault> plan) => Task.WhenAll(plan.Select(InjectAsync));

    private async Task InjectAsync(PlannedFault fault)
    {
        if (fault.At - clock.Elapsed is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait);
        }

        var resource = _byResource.GetOrAdd(fault.Resource, _ => new SemaphoreSlim(1));
        await _slots.WaitAsync();
        await resource.WaitAsync();
        var instances = resources.InstancesOf(fault.Resource);
        var instance = instances[fault.Replica % instances.Count];
        TimeSpan? downAt = null, startedAt = null, runningAt = null;
        var healthy = false;
        string? error = null;
        try
        {
            var latestStart = loadDuration - EndMargin;
            if (latestStart - clock.Elapsed < ShortestOutage)
            {
                Log($"skip  {instance}: busy until too close to the end of the load");
                Record(null);
                return;
            }

            Log($"stop  {instance} for {fault.Down.TotalSeconds:0} s");
            if (!await StopInstanceAsync(instance, fault.Resource == Mail))
            {
                return;
            }

            downAt = clock.Elapsed;
            Log($"down  {instance}");
            var down = fault.Down < latestStart - downAt.Value ? fault.Down : latestStart - downAt.Value;
            if (down > TimeSpan.Zero)
            {
                await Task.Delay(down);
            }

            startedAt = clock.Elapsed;
            Log($"start {instance} after {(startedAt - downAt).Value.TotalSeconds:0.0} s down");
            var refusals = 0;
            healthy = await resources.StartAsync(instance, HealthyWithin, reason =>
            {
                if (refusals++ == 0)
                {
                    Log($"start {instance} refused, trying every 5 s: {reason}");
                }
            });
            runningAt = clock.Elapsed;
            Log($"{(healthy ? "back " : "up   ")} {instance}{(healthy ? "" : " (running, not healthy yet: something it needs is down)")} {(clock.Elapsed - startedAt).Value.TotalSeconds:0.0} s after its start");
            Record(error);
        }
        catch (InvalidOperationException ex)
        {
            Log($"FAILED {ex.Message}");
            Record(error is null ? ex.Message : $"{error}; {ex.Message}");
        }
        finally
        {
            resource.Release();
            _slots.Release();
        }

        // A stop command that fails (the orchestrator gives a process ~15 s) is a finding; the fault goes on if the
        // instance stops after all, and is abandoned (to the restore after the load) if it does not.
        async Task<bool> StopInstanceAsync(Instance target, bool isMail)
        {
            using var stopped = new CancellationTokenSource();
            var lastRead = isMail ? mail.ReadUntilStoppedAsync(stopped.Token) : Task.FromResult<DateTimeOffset?>(null);
            try
            {
                await resources.StopAsync(target);
                return true;
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
            {
                error = $"stop failed: {ex.Message}";
                Log($"STOP FAILED {target}: {ex.Message}; waiting up to {StopAfterAll.TotalMinutes:0} min for it to stop anyway");
                if (await resources.WaitStoppedAsync(target, StopAfterAll))
                {
                    return true;
                }

                error += $"; still not stopped {StopAfterAll.TotalMinutes:0} min later ({resources.Describe(target)})";
                Log($"gave up on {target}: {resources.Describe(target)}");
                Record(error);
                return false;
            }
            finally
            {
                await stopped.CancelAsync();
                if (isMail)
                {
                    await mail.StoppedAsync(await lastRead, DateTimeOffset.UtcNow);
                }
            }
        }

        void Record(string? error) =>
            _records.Enqueue(new FaultRecord(fault, instance.Id, downAt, startedAt, runningAt, healthy, error));
    }

    public void Dispose()
    {
        _slots.Dispose();
        foreach (var gate in _byResource.Values)
        {
            gate.Dispose();
        }
    }

    private void Log(string message) => Console.WriteLine($"{Clock.Format(clock.Elapsed)} fault {message}");
}
