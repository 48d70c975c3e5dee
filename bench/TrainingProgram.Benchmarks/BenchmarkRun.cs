using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TrainingProgram.Benchmarks;

/// <summary>Every measurement of one benchmark run, side by side against the same servers.</summary>
public sealed class BenchmarkRun(BenchmarkTopology topology, BenchmarkSettings settings)
{
    private static readonly TimeSpan AccountingTimeout = TimeSpan.FromMinutes(15);
    private static readonly string[] Databases = ["enrollmentdb", "notificationdb"];
    private readonly EnrollmentLoad _load = new(topology.Api);
    private readonly EmailAccounting _emails = new(topology, new(topology.EnrollmentDb, "enrollments", topology.NotificationDb, "notifications"));
    private readonly EmailAccounting _peerEmails = new(topology, new(topology.PeerDb, "peer.enrollments", topology.PeerDb, "peer.notifications"));
    private EnrollmentLoad _peer = null!;
    private readonly SqlStatements _sql = new(topology.Server);
    private int _accountedFor;

    public async Task<BenchmarkResults> ExecuteAsync()
    {
        await using var raw = new RawPostgres(topology.EnrollmentDb);
        await using var floor = new RawPipeline(topology);
        await raw.PrepareAsync();
        await floor.PrepareAsync();
        await floor.StartConsumingAsync();
        await _sql.PrepareAsync();
        Log("starting the Wolverine peer");
        using var peerClient = await topology.StartPeerAsync();
        _peer = new EnrollmentLoad(peerClient);
        Log($"seeding {BenchmarkSettings.Students} students and {BenchmarkSettings.Courses} courses, in ours and in the peer");
        await _load.SeedAsync(BenchmarkSettings.Students, BenchmarkSettings.Courses, CancellationToken.None);
        await _peer.SeedAsync(BenchmarkSettings.Students, BenchmarkSettings.Courses, CancellationToken.None);
        await WarmUpAsync(raw, floor);

        var throughput = new List<ThroughputRow>();
        foreach (var concurrency in settings.Concurrencies)
        {
            throughput.Add(await MeasureThroughputAsync(concurrency, floor, raw));
        }

        var synchronous = await MeasureSynchronousCostAsync();
        var backlogs = new List<BacklogDrain> { await MeasureBacklogDrainAsync(floor) };
        // The API's maximum is not a rate the whole pipeline can sustain when email is slower: above the drain rate
        // the queue grows for as long as the load lasts. Both halves are measured.
        var apiMaximum = throughput.Max(t => t.Pipeline.PerSecond);
        var sustainableMaximum = Math.Min(apiMaximum, backlogs[0].DrainPerSecond);
        var openLoop = new List<OpenLoopRow>();
        if (sustainableMaximum < apiMaximum)
        {
            openLoop.Add(await MeasureOpenLoopAsync("half the API's closed-loop maximum", apiMaximum / 2));
        }

        openLoop.Add(await MeasureOpenLoopAsync(
            "half the sustainable end-to-end maximum (the lower of the API's closed-loop maximum and the drain rate)", sustainableMaximum / 2));

        // Last, what developers run: the same drain into smtp4dev.
        topology.UseMailServer(topology.DevInbox);
        backlogs.Add(await MeasureBacklogDrainAsync(floor: null));

        var machine = new Machine(
            MachineInfo.Cpu(), Environment.ProcessorCount, MachineInfo.Memory(), RuntimeInformation.OSDescription,
            MachineInfo.Commit(), DateTimeOffset.UtcNow, await raw.DurabilityAsync(),
            "quorum queues (fsync before confirm), persistent messages, publisher confirms awaited");
        await floor.CleanUpAsync();
        await raw.CleanUpAsync();
        return new(machine, settings.PhaseDuration, throughput, synchronous, backlogs, openLoop, _accountedFor);
    }

    /// <summary>Only the drain into the sink, beside the floor's: minutes instead of the whole run's quarter hour.</summary>
    public async Task DrainOnlyAsync()
    {
        await using var floor = new RawPipeline(topology);
        await floor.PrepareAsync();
        await floor.StartConsumingAsync();
        await _sql.PrepareAsync();
        await _load.SeedAsync(BenchmarkSettings.Students, BenchmarkSettings.Courses, CancellationToken.None);
        var inboxBefore = await _emails.FreshInboxAsync();
        var warm = await LoadPatterns.ClosedLoopAsync(4, TimeSpan.FromSeconds(10), _load.EnrollNextAsync);
        await AccountAsync(warm.Samples, inboxBefore);
        await MeasureBacklogDrainAsync(floor);
        await floor.CleanUpAsync();
    }

    /// <summary>
    /// Only the open loop at <paramref name="perSecond"/>, after closed loops at concurrency 4, 8 and 32 (10 s each) so
    /// that every process has its hot paths compiled. The peer and the floor are not started, so its CPU figures are
    /// not those of the whole run, and its latencies differ from the whole run's by more than this machine's noise:
    /// compare runs of this mode with each other.
    /// </summary>
    public async Task OpenLoopOnlyAsync(double perSecond)
    {
        await _load.SeedAsync(BenchmarkSettings.Students, BenchmarkSettings.Courses, CancellationToken.None);
        foreach (var concurrency in new[] { 4, 8, 32 })
        {
            var inboxBefore = await _emails.FreshInboxAsync();
            var warm = await LoadPatterns.ClosedLoopAsync(concurrency, TimeSpan.FromSeconds(10), _load.EnrollNextAsync);
            await AccountAsync(warm.Samples, inboxBefore);
        }

        await MeasureOpenLoopAsync("the rate given", perSecond);
    }

    private async Task WarmUpAsync(RawPostgres raw, RawPipeline floor)
    {
        Log("warming up (JIT, connection pools)");
        var inboxBefore = await _emails.FreshInboxAsync();
        // Long enough for tiered JIT to promote the hot path in every process.
        var warm = await LoadPatterns.ClosedLoopAsync(4, TimeSpan.FromSeconds(10), _load.EnrollNextAsync);
        await AccountAsync(warm.Samples, inboxBefore);
        inboxBefore = await _emails.FreshInboxAsync();
        var warmPeer = await LoadPatterns.ClosedLoopAsync(4, TimeSpan.FromSeconds(10), _peer.EnrollNextAsync);
        await AccountAsync(warmPeer.Samples, inboxBefore, _peerEmails);
        inboxBefore = await _emails.FreshInboxAsync();
        var warmFloor = await LoadPatterns.ClosedLoopAsync(4, TimeSpan.FromSeconds(5), floor.EnrollOneAsync);
        await floor.AccountAsync(inboxBefore);
        _accountedFor += warmFloor.Samples.Count;
        await LoadPatterns.ClosedLoopAsync(4, TimeSpan.FromSeconds(2), raw.InsertOneAsync);
    }

    private async Task<ThroughputRow> MeasureThroughputAsync(int concurrency, RawPipeline floor, RawPostgres raw)
    {
        var pipeline = await MeasureClosedLoopAsync(concurrency, _load, _emails, Databases);
        var peer = await MeasureClosedLoopAsync(concurrency, _peer, _peerEmails, [WolverinePeer.Database]);

        var inboxBefore = await _emails.FreshInboxAsync();
        var (cpu, sql) = (CpuUsage.Start(), await _sql.StartAsync());
        var floorRun = await LoadPatterns.ClosedLoopAsync(concurrency, settings.PhaseDuration, floor.EnrollOneAsync);
        var floorCpu = cpu.Stop();
        var floorEmails = await floor.AccountAsync(inboxBefore);
        _accountedFor += floorRun.Samples.Count;
        var floorPhase = new ClosedLoopPhase(floorRun.PerSecond, LatencySummary.Of(floorRun.Samples),
            LatencySummary.Of(floorEmails.EndToEnd), floorCpu, await CostAsync(floorRun.Samples.Count, cpu, sql, Databases));

        cpu = CpuUsage.Start();
        var rawRun = await LoadPatterns.ClosedLoopAsync(concurrency, settings.PhaseDuration, raw.InsertOneAsync);
        var rawPhase = new ClosedLoopPhase(rawRun.PerSecond, LatencySummary.Of(rawRun.Samples), null, cpu.Stop(), null);

        var row = new ThroughputRow(concurrency, pipeline, peer, floorPhase, rawPhase);
        Log($"concurrency {concurrency}: pipeline {pipeline.PerSecond:0}/s (API {pipeline.Latency}; end-to-end {pipeline.EndToEnd}); "
            + $"peer {peer.PerSecond:0}/s (API {peer.Latency}; end-to-end {peer.EndToEnd}); "
            + $"floor {floorPhase.PerSecond:0}/s (end-to-end {floorPhase.EndToEnd}); raw {rawPhase.PerSecond:0}/s; "
            + $"pipeline/floor {row.RatioToFloor:P0}, pipeline/peer {row.RatioToPeer:P0}");
        return row;
    }

    /// <summary>POST /enrollments in a closed loop against ours or the peer, accounted for to the last email.</summary>
    private async Task<ClosedLoopPhase> MeasureClosedLoopAsync(int concurrency, EnrollmentLoad load, EmailAccounting emails, string[] databases)
    {
        var inboxBefore = await emails.FreshInboxAsync();
        var (cpu, sql) = (CpuUsage.Start(), await _sql.StartAsync());
        var run = await LoadPatterns.ClosedLoopAsync(concurrency, settings.PhaseDuration, load.EnrollNextAsync);
        var loadCpu = cpu.Stop();
        var endToEnd = await AccountAsync(run.Samples, inboxBefore, emails);
        return new ClosedLoopPhase(run.PerSecond, LatencySummary.Of([.. run.Samples.Select(s => s.Latency)]),
            LatencySummary.Of(endToEnd), loadCpu, await CostAsync(run.Samples.Count, cpu, sql, databases));
    }

    /// <summary>CPU and SQL from the phase's start until its last email, per enrollment.</summary>
    private static async Task<EnrollmentCost> CostAsync(int enrollments, CpuUsage cpu, SqlStatements.Snapshot sql, string[] databases) =>
        new(enrollments, cpu.Stop().MillisecondsPer(enrollments), await sql.StopAsync(enrollments, databases));

    private async Task<SynchronousCost> MeasureSynchronousCostAsync()
    {
        var inboxBefore = await _emails.FreshInboxAsync();
        var api = await LoadPatterns.ClosedLoopAsync(1, TimeSpan.FromSeconds(5), _load.EnrollNextAsync);
        await AccountAsync(api.Samples, inboxBefore);
        var smtp = new RawSmtp(topology.DevInbox.Endpoint);
        var pooled = await smtp.SendAsync(connections: 1, messages: 200);
        var fresh = new List<TimeSpan>();
        for (var i = 0; i < 50; i++)
        {
            fresh.Add(await smtp.SendOnFreshConnectionAsync());
        }

        var cost = new SynchronousCost(LatencySummary.Of([.. api.Samples.Select(s => s.Latency)]), LatencySummary.Of(pooled.Samples), LatencySummary.Of(fresh));
        Log($"synchronous cost: API {cost.ApiLatency}; one email to smtp4dev pooled {cost.EmailOnPooledConnection}; fresh {cost.EmailOnFreshConnection}");
        return cost;
    }

    /// <summary>
    /// The Notification Service's drain of a backlog into the current mail server, beside that server's own rate and,
    /// given <paramref name="floor"/>, the floor's drain of the same backlog.
    /// </summary>
    private async Task<BacklogDrain> MeasureBacklogDrainAsync(RawPipeline? floor)
    {
        var mail = topology.Mail;
        await _emails.FreshInboxAsync();
        // As many messages as the backlog: smtp4dev slows down as it fills, so both rates are taken over the same fill.
        var cpu = CpuUsage.Start();
        var rawSmtp = await new RawSmtp(mail.Endpoint).SendAsync(settings.SmtpConnections, settings.Backlog);
        var rawSmtpCpu = cpu.Stop();
        Log($"raw SMTP to {mail.Name}: {rawSmtp.PerSecond:0} emails/s over {settings.SmtpConnections} connections");
        double? floorPerSecond = null;
        if (floor is not null)
        {
            floorPerSecond = await floor.DrainAsync(settings.Backlog, await _emails.FreshInboxAsync());
            _accountedFor += settings.Backlog;
            Log($"floor drain to {mail.Name}: {floorPerSecond:0} emails/s");
        }

        // A stop and start also makes the service take up the current mail server.
        await topology.StopServiceAsync("notification-service");
        var inboxBefore = await _emails.FreshInboxAsync();
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
        var sql = await _sql.StartAsync();
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
        var drainSql = await sql.StopAsync(settings.Backlog, "notificationdb");
        await AccountAsync(enrolled, inboxBefore);
        var skipped = RawPipeline.SkippedAtDrainStart(ids.Length);
        var (from, last) = await _emails.SentWindowAsync(ids, skipped);
        var result = new BacklogDrain(mail.Name, settings.Backlog, enqueueSeconds, fromStart, settings.Backlog - skipped, (last - from).TotalSeconds, drainCpu,
            rawSmtp.PerSecond, settings.SmtpConnections, rawSmtpCpu, floorPerSecond, drainSql);
        Log($"backlog drained into {mail.Name}: {result.DrainPerSecond:0} emails/s after the first {skipped} ({result.DrainIncludingStartPerSecond:0}/s from start command); raw SMTP {result.RawSmtpPerSecond:0}/s; ratio {result.RatioToRawSmtp:P0}; "
            + $"per email: notificationdb {drainSql.Databases[0].Statements:0.00} statements in {drainSql.Databases[0].Transactions:0.00} transactions; {drainSql.RoundTrips:0.00} round trips to PostgreSQL; CPU ms: "
            + string.Join(", ", drainCpu.MillisecondsPer(settings.Backlog).OrderByDescending(p => p.Value).Take(5).Select(p => $"{p.Key} {p.Value:0.00}")));
        return result;
    }

    private async Task<OpenLoopRow> MeasureOpenLoopAsync(string basis, double perSecond)
    {
        var inboxBefore = await _emails.FreshInboxAsync();
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
        var split = await EndToEndSplit.MeasureAsync(topology.EnrollmentDb, topology.NotificationDb, [.. answered.Concat(recovered).Select(s => s.EnrollmentId)]);
        var row = new OpenLoopRow(basis, perSecond, answered.Count / run.Elapsed.TotalSeconds, failed.Count,
            LatencySummary.Of([.. answered.Select(s => s.Latency)]), LatencySummary.Of(endToEnd), split, loadCpu);
        Log($"open loop at {perSecond:0}/s: API {row.Api}; end-to-end {row.EndToEnd} (to published {split.ToPublished}; to claimed {split.ToClaimed}; to sent {split.ToSent}); failed {row.Failed}; "
            + $"machine {loadCpu.Total:0} % busy; CPU ms per enrollment during the load: "
            + string.Join(", ", loadCpu.MillisecondsPer(Math.Max(1, answered.Count)).OrderByDescending(p => p.Value).Take(6).Select(p => $"{p.Key} {p.Value:0.00}")));
        return row;
    }

    private async Task<IReadOnlyList<TimeSpan>> AccountAsync(IReadOnlyList<EnrollmentLoad.Sample> samples, int inboxBefore, EmailAccounting? emails = null)
    {
        var latencies = await (emails ?? _emails).AccountForAsync([.. samples.Select(s => s.EnrollmentId)], inboxBefore, AccountingTimeout);
        _accountedFor += samples.Count;
        return latencies;
    }


    private static void Log(string message) => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {message}");
}
