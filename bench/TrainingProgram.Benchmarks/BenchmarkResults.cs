namespace TrainingProgram.Benchmarks;

/// <summary>Percent of the whole machine each part of the topology used during a phase, and its CPU seconds.</summary>
public sealed record CpuShares(IReadOnlyDictionary<string, double> ByPart, IReadOnlyDictionary<string, double> Seconds)
{
    public double Total => ByPart.Values.Sum();

    /// <summary>CPU milliseconds of each part per unit of work.</summary>
    public IReadOnlyDictionary<string, double> MillisecondsPer(long count) =>
        Seconds.ToDictionary(p => p.Key, p => Math.Round(1000 * p.Value / count, 2));
}

/// <summary>What one enrollment cost, from the phase's start until its last email was sent.</summary>
/// <param name="CpuMilliseconds">CPU milliseconds of each part of the topology per enrollment.</param>
public sealed record EnrollmentCost(long Enrollments, IReadOnlyDictionary<string, double> CpuMilliseconds, SqlCost Sql);

/// <param name="Pipeline">The product: POST /enrollments through to the email.</param>
/// <param name="Floor">The same durable work done raw (<see cref="RawPipeline"/>).</param>
/// <param name="Raw">The two-insert transaction of earlier reports (<see cref="RawPostgres"/>).</param>
/// <param name="Peer">The same endpoint and email built with Wolverine (<see cref="WolverinePeer"/>).</param>
public sealed record ThroughputRow(int Concurrency, ClosedLoopPhase Pipeline, ClosedLoopPhase Peer, ClosedLoopPhase Floor, ClosedLoopPhase Raw)
{
    public double RatioToFloor => Pipeline.PerSecond / Floor.PerSecond;

    public double RatioToPeer => Pipeline.PerSecond / Peer.PerSecond;

    public double RatioToRaw => Pipeline.PerSecond / Raw.PerSecond;
}

/// <param name="Latency">The caller's: the API request (ours, the peer's); the floor's transaction and confirmed publish; the raw transaction.</param>
/// <param name="EndToEnd">Commit to the email's acceptance by the SMTP server (none for the raw transaction).</param>
/// <param name="Cpu">During the load only.</param>
/// <param name="Cost">Until the last email (none for the raw transaction).</param>
public sealed record ClosedLoopPhase(double PerSecond, LatencySummary Latency, LatencySummary? EndToEnd, CpuShares Cpu, EnrollmentCost? Cost);

public sealed record SynchronousCost(LatencySummary ApiLatency, LatencySummary EmailOnPooledConnection, LatencySummary EmailOnFreshConnection);

/// <param name="FloorPerSecond">The floor's own drain of the same backlog to the same server (measured against the sink only).</param>
/// <param name="InWindow">The emails after the first <see cref="RawPipeline.SkippedAtDrainStart"/> (start-up and warm-up left out).</param>
/// <param name="WindowSeconds">From the first of those to the last email.</param>
public sealed record BacklogDrain(
    string MailServer, int Emails, double EnqueueSeconds, double SecondsFromStartCommand, int InWindow, double WindowSeconds, CpuShares DrainCpu,
    double RawSmtpPerSecond, int RawSmtpConnections, CpuShares RawSmtpCpu, double? FloorPerSecond, SqlCost Sql)
{
    public double? RatioToFloor => DrainPerSecond / FloorPerSecond;

    public double DrainPerSecond => InWindow / WindowSeconds;

    public double DrainIncludingStartPerSecond => Emails / SecondsFromStartCommand;

    public double RatioToRawSmtp => DrainPerSecond / RawSmtpPerSecond;
}

/// <param name="Basis">Which maximum the rate is half of.</param>
/// <param name="AchievedPerSecond">Requests answered 201, per second of the phase.</param>
/// <param name="Failed">Requests answered otherwise (anything they made is still accounted for).</param>
/// <param name="Split">Where the end-to-end time went.</param>
public sealed record OpenLoopRow(
    string Basis, double TargetPerSecond, double AchievedPerSecond, int Failed, LatencySummary Api, LatencySummary EndToEnd, EndToEndSplit Split, CpuShares Cpu);

public sealed record Machine(string Cpu, int Cores, string Memory, string Os, string Commit, DateTimeOffset Date, string PostgresDurability, string BrokerDurability);

public sealed record BenchmarkResults(
    Machine Machine,
    TimeSpan PhaseDuration,
    IReadOnlyList<ThroughputRow> Throughput,
    SynchronousCost SynchronousCost,
    IReadOnlyList<BacklogDrain> Backlogs,
    IReadOnlyList<OpenLoopRow> OpenLoop,
    int EmailsAccountedFor);
