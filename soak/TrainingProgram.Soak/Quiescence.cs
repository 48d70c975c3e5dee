using System.Diagnostics;
using Npgsql;

namespace TrainingProgram.Soak;

/// <summary>
/// Waits until nothing moves any more: no unpublished outbox row, no message in the Notification Service's queue or
/// its retry queues (ready or unacknowledged), and no new email, all held for <see cref="Hold"/>, which outlasts the
/// broker's statistics interval (5 s) and smtp4dev's storing lag. Waiting for "all emails there" instead would pass
/// before a late duplicate lands, and never end if one is missing.
/// </summary>
public static class Quiescence
{
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(30);

    /// <summary>How long it took to go quiet, or null if it had not by <paramref name="deadline"/>.</summary>
    public static async Task<TimeSpan?> WaitAsync(SoakTopology topology, MailLedger mail, TimeSpan deadline)
    {
        var stopwatch = Stopwatch.StartNew();
        TimeSpan? quietSince = null;
        var lastReport = TimeSpan.Zero;
        var lastEmails = -1;
        while (stopwatch.Elapsed < deadline)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            string state;
            bool quiet;
            try
            {
                var unpublished = await DatabaseFacts.UnpublishedAsync(topology.EnrollmentDb, timeout.Token);
                var inFlight = await topology.Broker.InFlightAsync(timeout.Token);
                var read = await mail.ReadAsync(timeout.Token);
                var emails = mail.Count;
                quiet = read && unpublished == 0 && inFlight == 0 && emails == lastEmails;
                lastEmails = emails;
                state = $"{unpublished} outbox row(s) unpublished, {inFlight} message(s) in the notification queues, {emails} emails";
            }
            catch (Exception ex) when (ex is NpgsqlException or HttpRequestException or OperationCanceledException)
            {
                quiet = false;
                state = ex.Message;
            }

            quietSince = quiet ? quietSince ?? stopwatch.Elapsed : null;
            if (stopwatch.Elapsed - quietSince >= Hold)
            {
                return stopwatch.Elapsed;
            }

            if (stopwatch.Elapsed - lastReport >= ReportEvery)
            {
                lastReport = stopwatch.Elapsed;
                Console.WriteLine($"  waiting for quiet ({stopwatch.Elapsed.TotalSeconds:0} s): {state}");
            }

            await Task.Delay(Step);
        }

        return null;
    }
}
