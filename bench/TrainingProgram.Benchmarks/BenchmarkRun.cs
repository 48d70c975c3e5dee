using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TrainingProgram.Benchmarks;

/// <summary>Every measurement of one benchmark run, side by side against the same servers.</summary>
public sealed class BenchmarkRun(BenchmarkTopology topology, BenchmarkSettings settings) : IDisposable
{
    private static readonly TimeSpan AccountingTimeout = TimeSpan.FromMinutes(15);
    private readonly EnrollmentLoad _load = new(topology.Api);
    private readonly EmailAccounting _emails = new(topology);
    private readonly RawSmtp _smtp = new(topology.Smtp);
    private int _accountedFor;

    public async Task<BenchmarkResults> ExecuteAsync()
    {
        await using var raw = new RawPostgres(topology.EnrollmentDb);
        await raw.PrepareAsync();
        Log($"seeding {BenchmarkSettings.Students} students and {BenchmarkSettings.Courses} courses");
        await _load.SeedAsync(BenchmarkSettings.Students, BenchmarkSettings.Courses, CancellationToken.None);
        await WarmUpAsync(raw);

        var throughput = new List<ThroughputRow>();
        foreach (var concurrency in settings.Concurrencies)
        {
            throughput.Add(await MeasureThroughputAsync(concurrency, raw));
        }

        var synchronous = await MeasureSynchronousCostAsync();
        var backlog = await MeasureBacklogDrainAsync();
        // The API's maximum is not a rate the whole pipeline can sustain when email is slower: above the drain rate
        // the queue grows for as long as the load lasts. Both halves are measured.
        var apiMaximum = throughput.Max(t => t.PipelinePerSecond);
        var sustainableMaximum = Math.Min(apiMaximum, backlog.DrainPerSecond);
        var openLoop = new List<OpenLoopRow>
        {
            await MeasureOpenLoopAsync("half the API's closed-loop maximum", apiMaximum / 2),
            await MeasureOpenLoopAsync("half the sustainable end-to-end maximum (the lower of the API's maximum and the drain rate)", sustainableMaximum / 2),
        };
        var machine = new Machine(
            MachineInfo.Cpu(), Environment.ProcessorCount, MachineInfo.Memory(), RuntimeInformation.OSDescription,
            MachineInfo.Commit(), DateTimeOffset.UtcNow, await raw.DurabilityAsync(),
            "quorum queues (fsync before confirm), persistent messages, publisher confirms awaited");
        await raw.CleanUpAsync();
        return new(machine, settings.PhaseDuration, throughput, synchronous, backlog, openLoop, _accountedFor);
    }

    private async Task WarmUpAsync(RawPostgres raw)
    {
        Log("warming up (JIT, connection pools)");
        var inboxBefore = await FreshInboxAsync();
        // Long enough for tiered JIT to promote the hot path in every process.
        var warm = await LoadPatterns.ClosedLoopAsync(4, TimeSpan.FromSeconds(10), _load.EnrollNextAsync);
        await AccountAsync(warm.Samples, inboxBefore);
        await LoadPatterns.ClosedLoopAsync(4, TimeSpan.FromSeconds(2), raw.InsertOneAsync);
    }

    private async Task<ThroughputRow> MeasureThroughputAsync(int concurrency, RawPostgres raw)
    {
        var inboxBefore = await FreshInboxAsync();
        var cpu = CpuUsage.Start();
        var pipeline = await LoadPatterns.ClosedLoopAsync(concurrency, settings.PhaseDuration, _load.EnrollNextAsync);
        var pipelineCpu = cpu.Stop();
        var endToEnd = await AccountAsync(pipeline.Samples, inboxBefore);
        cpu = CpuUsage.Start();
        var rawRun = await LoadPatterns.ClosedLoopAsync(concurrency, settings.PhaseDuration, raw.InsertOneAsync);
        var rawCpu = cpu.Stop();
        var row = new ThroughputRow(concurrency, pipeline.PerSecond, LatencySummary.Of([.. pipeline.Samples.Select(s => s.Latency)]),
            LatencySummary.Of(endToEnd), pipelineCpu, rawRun.PerSecond, LatencySummary.Of(rawRun.Samples), rawCpu);
        Log($"concurrency {concurrency}: pipeline {row.PipelinePerSecond:0}/s (API {row.Api}; end-to-end {row.EndToEnd}); raw {row.RawPerSecond:0}/s; ratio {row.Ratio:P0}");
        return row;
    }

    private async Task<SynchronousCost> MeasureSynchronousCostAsync()
    {
        var inboxBefore = await FreshInboxAsync();
        var api = await LoadPatterns.ClosedLoopAsync(1, TimeSpan.FromSeconds(5), _load.EnrollNextAsync);
        await AccountAsync(api.Samples, inboxBefore);
        var pooled = await _smtp.SendAsync(connections: 1, messages: 200);
        var fresh = new List<TimeSpan>();
        for (var i = 0; i < 50; i++)
        {
            fresh.Add(await _smtp.SendOnFreshConnectionAsync());
        }

        var cost = new SynchronousCost(LatencySummary.Of([.. api.Samples.Select(s => s.Latency)]), LatencySummary.Of(pooled.Samples), LatencySummary.Of(fresh));
        Log($"synchronous cost: API {cost.ApiLatency}; one email pooled {cost.EmailOnPooledConnection}; fresh {cost.EmailOnFreshConnection}");
        return cost;
    }

    private async Task<BacklogDrain> MeasureBacklogDrainAsync()
    {
        await _emails.ClearInboxAsync();
        // As many messages as the backlog: smtp4dev slows down as it fills, so both rates are taken over the same fill.
        var cpu = CpuUsage.Start();
        var rawSmtp = await _smtp.SendAsync(settings.SmtpConnections, settings.Backlog);
        var rawSmtpCpu = cpu.Stop();
        Log($"raw SMTP: {rawSmtp.PerSecond:0} emails/s over {settings.SmtpConnections} connections");

        await topology.StopServiceAsync("notification-service");
        var inboxBefore = await FreshInboxAsync();
        var enqueue = Stopwatch.StartNew();
        var enrolled = new List<EnrollmentLoad.Sample>(settings.Backlog);
        using (var gate = new SemaphoreSlim(32))
        {
            enrolled.AddRange(await Task.WhenAll(Enumerable.Range(0, settings.Backlog).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    return await _load.EnrollNextAsync(CancellationToken.None);
                }
                finally
                {
                    gate.Release();
                }
            })));
        }

        var enqueueSeconds = enqueue.Elapsed.TotalSeconds;
        Log($"backlog: {settings.Backlog} enrollments in {enqueueSeconds:0.0} s; starting notification-service");
        var drain = Stopwatch.StartNew();
        cpu = CpuUsage.Start();
        await topology.StartServiceAsync("notification-service");
        var ids = enrolled.Select(s => s.EnrollmentId).ToArray();
        while (await _emails.CountSentAsync(ids) < ids.Length)
        {
            if (drain.Elapsed > AccountingTimeout)
            {
                throw new InvalidOperationException("MISSING EMAILS: the backlog did not drain in time.");
            }

            await Task.Delay(50);
        }

        var fromStart = drain.Elapsed.TotalSeconds;
        var drainCpu = cpu.Stop();
        await AccountAsync(enrolled, inboxBefore);
        var (first, last) = await _emails.SentWindowAsync(ids);
        var result = new BacklogDrain(settings.Backlog, enqueueSeconds, fromStart, (last - first).TotalSeconds, drainCpu,
            rawSmtp.PerSecond, settings.SmtpConnections, rawSmtpCpu);
        Log($"backlog drained: {result.DrainPerSecond:0} emails/s first-to-last ({result.DrainIncludingStartPerSecond:0}/s from start command); raw SMTP {result.RawSmtpPerSecond:0}/s; ratio {result.RatioToRawSmtp:P0}");
        return result;
    }

    private async Task<OpenLoopRow> MeasureOpenLoopAsync(string basis, double perSecond)
    {
        var inboxBefore = await FreshInboxAsync();
        var cpu = CpuUsage.Start();
        // Past the system's capacity requests queue without bound, and some may fail (a database pool timeout): they
        // are counted, not fatal, and anything they made is still accounted for below.
        var run = await LoadPatterns.OpenLoopAsync(perSecond, settings.PhaseDuration, async cancellationToken =>
        {
            var attempt = _load.NextAttempt();
            try
            {
                return (attempt, Sample: await _load.EnrollAsync(attempt, cancellationToken), Error: (string?)null);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                return (attempt, Sample: (EnrollmentLoad.Sample?)null, Error: ex.Message);
            }
        });
        var loadCpu = cpu.Stop();
        var answered = run.Samples.Where(r => r.Sample is not null).Select(r => r.Sample!).ToList();
        var failed = run.Samples.Where(r => r.Sample is null).ToList();
        if (failed.Count > 0)
        {
            Log($"open loop at {perSecond:0}/s: {failed.Count} request(s) failed (first: {failed[0].Error}); looking up what they made");
        }

        // Every request has its answer by now; one that failed after its commit made an enrollment whose email must
        // arrive once like any other.
        var recovered = new List<EnrollmentLoad.Sample>();
        foreach (var (attempt, _, _) in failed)
        {
            if (await _load.FindEnrollmentAsync(attempt, CancellationToken.None) is { } enrollmentId)
            {
                recovered.Add(new(enrollmentId, TimeSpan.Zero));
            }
        }

        var endToEnd = await AccountAsync([.. answered, .. recovered], inboxBefore);
        var row = new OpenLoopRow(basis, perSecond, answered.Count / run.Elapsed.TotalSeconds, failed.Count,
            LatencySummary.Of([.. answered.Select(s => s.Latency)]), LatencySummary.Of(endToEnd), loadCpu);
        Log($"open loop at {perSecond:0}/s: API {row.Api}; end-to-end {row.EndToEnd}; failed {row.Failed}");
        return row;
    }

    private async Task<IReadOnlyList<TimeSpan>> AccountAsync(IReadOnlyList<EnrollmentLoad.Sample> samples, int inboxBefore)
    {
        var latencies = await _emails.AccountForAsync([.. samples.Select(s => s.EnrollmentId)], inboxBefore, AccountingTimeout);
        _accountedFor += samples.Count;
        return latencies;
    }

    public void Dispose() => _emails.Dispose();

    private async Task<int> FreshInboxAsync()
    {
        await _emails.ClearInboxAsync();
        return await _emails.InboxCountAsync(CancellationToken.None);
    }

    private static void Log(string message) => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {message}");
}
