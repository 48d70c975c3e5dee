namespace TrainingProgram.Soak;

public sealed record Check(string Name, bool Passed, string Detail);

public sealed record SoakCounts(
    int EnrollmentsAttempted,
    int EnrollmentsAnswered201,
    IReadOnlyDictionary<string, int> EnrollmentsRefused,
    int EnrollmentsServerError,
    IReadOnlyDictionary<string, int> EnrollmentsNoAnswer,
    int Committed,
    int CommittedWithoutA201,
    int CancellationsAttempted,
    int CancellationsAnswered200,
    int CancellationsNotAnswered200,
    int Cancelled,
    int EmailsExpected,
    int EmailsReceived,
    int EmailDuplicates,
    int EmailsMissing,
    int EmailsLostWithMailServer,
    int EmailsUnexpected,
    int ConfirmationsSuperseded);

public sealed record SoakResult(
    SoakSettings Settings,
    MachineDescription Machine,
    IReadOnlyList<string> ApiReplicas,
    DateTimeOffset LoadStartedAt,
    IReadOnlyList<FaultRecord> Faults,
    IReadOnlyList<(MailStop Stop, int Lost)> MailStops,
    SoakCounts Counts,
    IReadOnlyList<Check> Checks,
    TimeSpan? QuietAfter,
    string? Unreadable,
    string LogFile)
{
    public bool Passed => Checks.All(c => c.Passed);

    public int FaultsInjected => Faults.Count(f => f.DownAt is not null);

    public void PrintChecks()
    {
        foreach (var check in Checks)
        {
            Console.WriteLine($"  {(check.Passed ? "pass" : "FAIL")}  {check.Name}: {check.Detail}");
        }
    }

    public string Summary => Unreadable is null
        ? $"soak: {(Passed ? "PASS" : "FAIL")} ({Counts.Committed} enrollments, {Counts.EmailsReceived} emails, {FaultsInjected} faults)"
        : $"soak: FAIL (the databases could not be read; {Counts.EnrollmentsAnswered201} enrollments answered 201, {Counts.EmailsReceived} emails, {FaultsInjected} faults)";
}
