namespace TrainingProgram.Benchmarks;

public sealed record ThroughputRow(int Concurrency, double PipelinePerSecond, LatencySummary Api, LatencySummary EndToEnd, double RawPerSecond, LatencySummary RawLatency)
{
    public double Ratio => PipelinePerSecond / RawPerSecond;
}

public sealed record SynchronousCost(LatencySummary ApiLatency, LatencySummary EmailOnPooledConnection, LatencySummary EmailOnFreshConnection);

public sealed record BacklogDrain(int Emails, double EnqueueSeconds, double SecondsFromStartCommand, double SecondsFirstToLastEmail, double RawSmtpPerSecond, int RawSmtpConnections)
{
    public double DrainPerSecond => Emails / SecondsFirstToLastEmail;

    public double DrainIncludingStartPerSecond => Emails / SecondsFromStartCommand;

    public double RatioToRawSmtp => DrainPerSecond / RawSmtpPerSecond;
}

public sealed record OpenLoopRow(double TargetPerSecond, double AchievedPerSecond, LatencySummary Api, LatencySummary EndToEnd);

public sealed record Machine(string Cpu, int Cores, string Memory, string Os, string Commit, DateTimeOffset Date, string PostgresDurability, string BrokerDurability);

public sealed record BenchmarkResults(
    Machine Machine,
    TimeSpan PhaseDuration,
    IReadOnlyList<ThroughputRow> Throughput,
    SynchronousCost SynchronousCost,
    BacklogDrain Backlog,
    OpenLoopRow OpenLoop,
    int EmailsAccountedFor);
