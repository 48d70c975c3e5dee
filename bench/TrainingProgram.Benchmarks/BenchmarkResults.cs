namespace TrainingProgram.Benchmarks;

/// <summary>Percent of the whole machine each part of the topology used during a phase.</summary>
public sealed record CpuShares(IReadOnlyDictionary<string, double> ByPart)
{
    public double Total => ByPart.Values.Sum();
}

public sealed record ThroughputRow(
    int Concurrency, double PipelinePerSecond, LatencySummary Api, LatencySummary EndToEnd, CpuShares PipelineCpu,
    double RawPerSecond, LatencySummary RawLatency, CpuShares RawCpu)
{
    public double Ratio => PipelinePerSecond / RawPerSecond;
}

public sealed record SynchronousCost(LatencySummary ApiLatency, LatencySummary EmailOnPooledConnection, LatencySummary EmailOnFreshConnection);

public sealed record BacklogDrain(
    int Emails, double EnqueueSeconds, double SecondsFromStartCommand, double SecondsFirstToLastEmail, CpuShares DrainCpu,
    double RawSmtpPerSecond, int RawSmtpConnections, CpuShares RawSmtpCpu)
{
    public double DrainPerSecond => Emails / SecondsFirstToLastEmail;

    public double DrainIncludingStartPerSecond => Emails / SecondsFromStartCommand;

    public double RatioToRawSmtp => DrainPerSecond / RawSmtpPerSecond;
}

/// <param name="Basis">Which maximum the rate is half of.</param>
/// <param name="AchievedPerSecond">Requests answered 201, per second of the phase.</param>
/// <param name="Failed">Requests answered otherwise (anything they made is still accounted for).</param>
public sealed record OpenLoopRow(
    string Basis, double TargetPerSecond, double AchievedPerSecond, int Failed, LatencySummary Api, LatencySummary EndToEnd, CpuShares Cpu);

public sealed record Machine(string Cpu, int Cores, string Memory, string Os, string Commit, DateTimeOffset Date, string PostgresDurability, string BrokerDurability);

public sealed record BenchmarkResults(
    Machine Machine,
    TimeSpan PhaseDuration,
    IReadOnlyList<ThroughputRow> Throughput,
    SynchronousCost SynchronousCost,
    BacklogDrain Backlog,
    IReadOnlyList<OpenLoopRow> OpenLoop,
    int EmailsAccountedFor);
