using System.Diagnostics;
using Npgsql;

namespace TrainingProgram.Soak;

/// <summary>
/// One soak: seed the catalogue, run the traffic and the faults side by side for the whole duration, bring every
/// resource back, wait for quiet, then judge what the databases, the inbox and the broker hold.
/// </summary>
public sealed class SoakRun(SoakTopology topology, SoakSettings settings)
{
    private static readonly TimeSpan QuietDeadline = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan QuietDeadlineWithResourceDown = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(30);

    public async Task<SoakResult> ExecuteAsync()
    {
        var machine = MachineDescription.Current();
        var replicas = topology.Resources.InstancesOf(SoakTopology.EnrollmentApi).Select(i => i.Id).ToList();
        Log($"{SoakTopology.EnrollmentApi} replicas: {string.Join(", ", replicas)}; resource logs in {topology.LogFile}");
        var catalogue = await Catalogue.CreateAsync(topology.Api, settings.EnrollmentAttempts);
        Log($"{catalogue.Courses.Count} courses (capacities {string.Join(", ", catalogue.Courses.Select(c => c.Capacity))}), {catalogue.Students.Count} students");
        var plan = FaultPlan.Create(new Random(settings.Seed), settings.Duration);
        Log($"{plan.Count} faults planned ({plan.Count(f => f.Down > TimeSpan.FromMinutes(3))} longer than 3 min); load starts ({settings})");

        using var mail = new MailLedger(topology.Inbox);
        using var stopFollowing = new CancellationTokenSource();
        var following = mail.FollowAsync(stopFollowing.Token);
        var loadStartedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var traffic = new EnrollmentTraffic(topology.Api, catalogue, new Random(settings.Seed + 1), clock);
        using var faults = new FaultInjector(topology.Resources, mail, clock, settings.Duration);
        var load = Task.WhenAll(traffic.RunAsync(settings.Duration, settings.RequestsPerSecond), faults.RunAsync(plan));
        while (await Task.WhenAny(load, Task.Delay(ProgressEvery)) != load)
        {
            Console.WriteLine($"{Clock.Format(clock.Elapsed)} load {Progress(traffic)}; {mail.Count} emails seen");
        }

        await load;
        Console.WriteLine($"{Clock.Format(clock.Elapsed)} load stopped: {Progress(traffic)}");

        string? restoreError = null;
        try
        {
            var restarted = await topology.Resources.RestoreAsync(FaultPlan.Resources);
            Log($"every resource healthy{(restarted.Count > 0 ? $" (restarted {string.Join(", ", restarted)})" : "")}; waiting for quiet (at most {QuietDeadline.TotalMinutes:0} min)");
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            restoreError = ex.Message;
            Log($"NOT EVERY RESOURCE CAME BACK: {ex.Message}");
        }

        // With a resource that did not come back nothing may ever be quiet: judge what there is sooner.
        var quietDeadline = restoreError is null ? QuietDeadline : QuietDeadlineWithResourceDown;
        var quietAfter = await Quiescence.WaitAsync(topology, mail, quietDeadline);
        Log(quietAfter is { } q ? $"quiet after {q.TotalSeconds:0} s" : "NOT QUIET by the deadline; judging what there is");
        await stopFollowing.CancelAsync();
        await following;
        await mail.ReadAsync(CancellationToken.None);

        var (facts, deadLetters, unreadable) = await ReadFactsAsync(catalogue);
        var emails = EmailAudit.Of(facts, catalogue, mail.Emails, mail.Stops);
        var inputs = new SoakChecks.Inputs(traffic, facts, emails, faults.Records, restoreError, quietAfter, quietDeadline, deadLetters, unreadable);
        return new SoakResult(settings, machine, replicas, loadStartedAt, faults.Records, emails.MailStops,
            SoakChecks.Count(inputs), SoakChecks.Judge(inputs), quietAfter, unreadable, topology.LogFile);
    }

    /// <summary>
    /// The databases and the broker as they are now; retried briefly, as a server just back may refuse a first
    /// connection. If they cannot be read at all, the reason (and empty facts, which the checks do not trust).
    /// </summary>
    private async Task<(DatabaseFacts Facts, long DeadLetters, string? Unreadable)> ReadFactsAsync(Catalogue catalogue)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                return (await DatabaseFacts.ReadAsync(topology.EnrollmentDb, topology.NotificationDb, catalogue),
                    await topology.Broker.DeadLettersAsync(timeout.Token), null);
            }
            catch (Exception ex) when (ex is NpgsqlException or HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                if (attempt == 5)
                {
                    Log($"READING THE RESULTS FAILED: {ex.Message}");
                    return (DatabaseFacts.Empty, 0, ex.Message);
                }

                Log($"reading the results failed ({ex.Message}); trying again");
                await Task.Delay(TimeSpan.FromSeconds(5));
            }
        }
    }

    private static string Progress(EnrollmentTraffic traffic)
    {
        var e = traffic.Enrollments;
        return $"{e.Count} enrollments (201: {e.Count(r => r.Answer == Answer.Success)}, 4xx: {e.Count(r => r.Answer == Answer.Refused)}, "
            + $"5xx: {e.Count(r => r.Answer == Answer.ServerError)}, no answer: {e.Count(r => r.Answer == Answer.NoAnswer)}), "
            + $"{traffic.Cancellations.Count} cancellations ({traffic.Cancellations.Count(r => r.Answer != Answer.Success)} not answered 200)";
    }

    private static void Log(string message) => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {message}");
}
