using System.Globalization;
using System.Text;

namespace TrainingProgram.Soak;

/// <summary>docs/reliability.md: what one soak did and whether everything held.</summary>
public static class ReliabilityReport
{
    public static async Task<string> WriteAsync(SoakResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "reliability.md");
        await File.WriteAllTextAsync(path, Render(result));
        return path;
    }

    public static string Render(SoakResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var s = r.Settings;
        var md = new StringBuilder();
        md.AppendLine("# Reliability under random faults").AppendLine();
        md.AppendLine("Written by `scripts/soak.sh` (`soak/TrainingProgram.Soak`): the whole topology in local mode with two Enrollment API");
        md.AppendLine("replicas takes a steady open loop of enrollments and cancellations while `postgres`, `messaging`, `mail`,");
        md.AppendLine("`notification-service` and one `enrollment-api` replica are stopped and started at random (seeded). No request is");
        md.AppendLine("retried; after the load every resource is started, the pipeline is left to go quiet, and the result is judged");
        md.AppendLine("against the databases (the truth, not the HTTP answers), every email smtp4dev received (read all along, since a");
        md.AppendLine("restarted `mail` forgets its inbox) and the broker.").AppendLine();

        md.AppendLine(c, $"**Result: {(r.Passed ? "PASS" : "FAIL")}** ({r.Checks.Count(k => k.Passed)} of {r.Checks.Count} checks hold)").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        md.AppendLine(c, $"| date | {r.Machine.Date:yyyy-MM-dd HH:mm} UTC |");
        md.AppendLine(c, $"| commit | {r.Machine.Commit} |");
        md.AppendLine(c, $"| machine | {r.Machine.Cpu}, {r.Machine.Cores} cores, {r.Machine.Memory}; {r.Machine.Os} |");
        md.AppendLine(c, $"| load | {s}: an open loop of {s.RequestsPerSecond:0.#} requests/s, {EnrollmentTraffic.EnrollShare:P0} of them enrollments (each a student and course never paired before) and the rest cancellations of enrollments the API created |");
        md.AppendLine(c, $"| seed | {s.Seed} (replay: `scripts/soak.sh --minutes {s.Duration.TotalMinutes:0.#} --rate {s.EnrollmentsPerSecond:0.#} --seed {s.Seed}`; the faults replay exactly, their effects depend on timing) |");
        md.AppendLine(c, $"| API replicas | {string.Join(", ", r.ApiReplicas)} |");
        md.AppendLine(c, $"| faults | {r.FaultsInjected} injected, at most {FaultPlan.MostAtOnce} at once |");
        md.AppendLine(c, $"| quiet after the load | {(r.QuietAfter is { } q ? $"{q.TotalSeconds:0} s after every resource was back" : "not within the deadline")} |");

        md.AppendLine().AppendLine("## Checks").AppendLine();
        md.AppendLine("| check | result | detail |").AppendLine("|---|---|---|");
        foreach (var check in r.Checks)
        {
            md.AppendLine(c, $"| {check.Name} | {(check.Passed ? "pass" : "**FAIL**")} | {Cell(check.Detail)} |");
        }

        RenderCounts(md, r.Counts, r.Unreadable is null);
        RenderTimeline(md, r.Faults);
        RenderMailStops(md, r);
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Resource logs of the run: `{r.LogFile}` (not kept in the repository).");
        return md.ToString();
    }

    private static void RenderCounts(StringBuilder md, SoakCounts n, bool databasesRead)
    {
        var c = CultureInfo.InvariantCulture;
        md.AppendLine().AppendLine("## Counts").AppendLine();
        if (!databasesRead)
        {
            md.AppendLine("The databases could not be read after the run: only what the requests were answered is known.").AppendLine();
        }

        md.AppendLine("| | |").AppendLine("|---|---:|");
        md.AppendLine(c, $"| enrollments attempted | {n.EnrollmentsAttempted} |");
        md.AppendLine(c, $"| answered 201 | {n.EnrollmentsAnswered201} |");
        foreach (var (problem, count) in n.EnrollmentsRefused)
        {
            md.AppendLine(c, $"| refused: {problem} | {count} |");
        }

        md.AppendLine(c, $"| answered 5xx | {n.EnrollmentsServerError} |");
        md.AppendLine(c, $"| no answer (connection refused or reset, timeout) | {n.EnrollmentsNoAnswer.Values.Sum()} |");
        foreach (var (reason, count) in n.EnrollmentsNoAnswer)
        {
            md.AppendLine(c, $"| no answer: {reason} | {count} |");
        }

        if (!databasesRead)
        {
            md.AppendLine(c, $"| cancellations attempted | {n.CancellationsAttempted} |");
            md.AppendLine(c, $"| answered 200 | {n.CancellationsAnswered200} |");
            md.AppendLine(c, $"| emails received (every message smtp4dev stored) | {n.EmailsReceived} |");
            return;
        }

        md.AppendLine(c, $"| **committed** (rows in enrollmentdb) | **{n.Committed}** |");
        md.AppendLine(c, $"| of which without a 201 (found in the database afterwards) | {n.CommittedWithoutA201} |");
        md.AppendLine(c, $"| cancellations attempted | {n.CancellationsAttempted} |");
        md.AppendLine(c, $"| answered 200 | {n.CancellationsAnswered200} |");
        md.AppendLine(c, $"| not answered 200 | {n.CancellationsNotAnswered200} |");
        md.AppendLine(c, $"| **cancelled** (in enrollmentdb) | **{n.Cancelled}** |");
        md.AppendLine(c, $"| emails expected (one per event of a committed enrollment, less superseded confirmations) | {n.EmailsExpected} |");
        md.AppendLine(c, $"| emails received (every message smtp4dev stored) | {n.EmailsReceived} |");
        md.AppendLine(c, $"| duplicates (a second message for one event) | {n.EmailDuplicates} |");
        md.AppendLine(c, $"| missing | {n.EmailsMissing} |");
        md.AppendLine(c, $"| accepted by smtp4dev just before a `mail` stop and lost with its memory (not counted missing) | {n.EmailsLostWithMailServer} |");
        md.AppendLine(c, $"| stray (no such event, or to someone else) | {n.EmailsUnexpected} |");
        md.AppendLine(c, $"| confirmations superseded by their cancellation | {n.ConfirmationsSuperseded} |");
    }

    private static void RenderTimeline(StringBuilder md, IReadOnlyList<FaultRecord> faults)
    {
        var c = CultureInfo.InvariantCulture;
        md.AppendLine().AppendLine("## Fault timeline").AppendLine();
        md.AppendLine("Times from the start of the load. \"down for\" runs from the moment the instance had stopped to its start");
        md.AppendLine("command; \"back after\" from that command until it ran again (and was healthy, unless noted).").AppendLine();
        md.AppendLine("| planned at | instance | planned down | stopped at | down for | back after | outcome |").AppendLine("|---|---|---:|---|---:|---:|---|");
        foreach (var f in faults)
        {
            var outcome = f switch
            {
                { Error: { } error } => $"**command failed**: {Cell(error)}",
                { Skipped: true } => "skipped: its resource was busy until too close to the end of the load",
                { Healthy: false } => "running, not yet healthy 60 s after its start (something it needs was down)",
                _ => "ok",
            };
            md.AppendLine(c, $"| {Clock.Format(f.Plan.At)} | {f.Target} | {f.Plan.Down.TotalSeconds:0} s | {(f.DownAt is { } d ? Clock.Format(d) : "")} | {Seconds(f.DownFor)} | {Seconds(f.RunningAt - f.StartedAt)} | {outcome} |");
        }
    }

    private static void RenderMailStops(StringBuilder md, SoakResult r)
    {
        if (r.MailStops.Count == 0)
        {
            return;
        }

        md.AppendLine().AppendLine("## Stops of `mail`").AppendLine();
        md.AppendLine("smtp4dev keeps mail in memory: the inbox is read every second and over and over while `mail` is being stopped.");
        md.AppendLine("An email the Notification Service recorded as accepted after the last complete read began (or up to 10 s");
        md.AppendLine("before, smtp4dev storing a message a moment after accepting it) and before `mail` was down, and that no read saw,");
        md.AppendLine("went down with smtp4dev's memory: the mail server's loss, counted apart and not as missing.").AppendLine();
        md.AppendLine("| last complete read began | down at | emails lost with it |").AppendLine("|---|---|---:|");
        foreach (var (stop, lost) in r.MailStops)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Clock.FormatTenths(stop.SnapshotAt - r.LoadStartedAt)} | {Clock.FormatTenths(stop.DownAt - r.LoadStartedAt)} | {lost} |");
        }
    }

    private static string Seconds(TimeSpan? span) => span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds:0.0} s") : "";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
