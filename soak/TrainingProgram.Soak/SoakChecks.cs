using System.Globalization;

namespace TrainingProgram.Soak;

/// <summary>Everything a run must have kept true, judged against the databases, the inbox and the broker.</summary>
public static class SoakChecks
{
    private const int Examples = 5;

    /// <summary>A conflict the API may answer to a request it had in fact committed, if the client's connection failed and .NET resent it.</summary>
    private const string AlreadyEnrolled = "already-enrolled";

    public sealed record Inputs(
        EnrollmentTraffic Traffic, DatabaseFacts Facts, EmailAudit Emails, IReadOnlyList<FaultRecord> Faults,
        string? RestoreError, TimeSpan? QuietAfter, TimeSpan QuietDeadline, long DeadLetterQueue, string? Unreadable);

    public static SoakCounts Count(Inputs inputs)
    {
        var (traffic, facts, emails) = (inputs.Traffic, inputs.Facts, inputs.Emails);
        var answered201 = traffic.Enrollments.Where(e => e.Answer == Answer.Success).Select(e => e.EnrollmentId!.Value).ToHashSet();
        return new SoakCounts(
            traffic.Enrollments.Count,
            answered201.Count,
            traffic.Enrollments.Where(e => e.Answer == Answer.Refused).GroupBy(e => e.Problem ?? e.Status?.ToString(CultureInfo.InvariantCulture) ?? "?")
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            traffic.Enrollments.Count(e => e.Answer == Answer.ServerError),
            traffic.Enrollments.Where(e => e.Answer == Answer.NoAnswer).GroupBy(e => e.Error?.Split(':')[0] ?? "?")
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            facts.Enrollments.Count,
            facts.Enrollments.Count(e => !answered201.Contains(e.Id)),
            traffic.Cancellations.Count,
            traffic.Cancellations.Count(c => c.Answer == Answer.Success),
            traffic.Cancellations.Count(c => c.Answer != Answer.Success),
            facts.Enrollments.Count(e => e.Cancelled),
            emails.Expected,
            emails.Received,
            emails.Duplicates,
            emails.Count(EmailVerdict.Missing),
            emails.Count(EmailVerdict.LostWithMailServer),
            emails.Unexpected.Count,
            emails.Count(EmailVerdict.Superseded));
    }

    public static IReadOnlyList<Check> Judge(Inputs inputs)
    {
        if (inputs.Unreadable is { } reason)
        {
            return [FaultsCarriedOut(inputs), WentQuiet(inputs), new("The databases and the broker could be read after the run", false, reason)];
        }

        return
        [
            FaultsCarriedOut(inputs),
            AnswersAgreeWithDatabase(inputs.Traffic, inputs.Facts),
            OneConfirmationEach(inputs.Emails, inputs.Facts),
            OneCancellationEach(inputs.Emails, inputs.Facts),
            NoStrayEmail(inputs.Emails),
            CapacityHeld(inputs.Facts),
            OutboxPublished(inputs.Facts),
            NothingPending(inputs.Facts),
            NothingDeadLettered(inputs),
            WentQuiet(inputs),
        ];
    }

    private static Check FaultsCarriedOut(Inputs inputs)
    {
        var failed = inputs.Faults.Where(f => f.Error is not null).ToList();
        var detail = $"{inputs.Faults.Count(f => f.DownAt is not null)} injected, {inputs.Faults.Count(f => f.Skipped)} skipped, {failed.Count} stop/start command(s) failed";
        detail += inputs.RestoreError is null ? "; every resource healthy again after the load" : $"; after the load: {inputs.RestoreError}";
        return new("Every fault was injected and its resource came back", failed.Count == 0 && inputs.RestoreError is null,
            detail + List(failed.Select(f => $"{f.Target} at {Clock.Format(f.Plan.At)}: {f.Error}")));
    }

    private static Check AnswersAgreeWithDatabase(EnrollmentTraffic traffic, DatabaseFacts facts)
    {
        var byId = facts.Enrollments.ToDictionary(e => e.Id);
        var byPair = facts.Enrollments.ToLookup(e => (e.StudentId, e.CourseId));
        var wrong = new List<string>();
        foreach (var request in traffic.Enrollments)
        {
            var made = byPair[(request.StudentId, request.CourseId)].ToList();
            var disagreement = request switch
            {
                { Answer: Answer.Success } when !byId.ContainsKey(request.EnrollmentId!.Value) => $"201 for enrollment {request.EnrollmentId} that the database does not have",
                { Answer: Answer.Refused, Problem: not AlreadyEnrolled } when made.Count > 0 => $"{request.Status} {request.Problem} for a request that made enrollment {made[0].Id}",
                { Answer: Answer.Refused, Problem: AlreadyEnrolled } when made.Count == 0 => $"409 {AlreadyEnrolled} but the student has no enrollment in the course",
                _ when made.Count > 1 => $"{made.Count} enrollments for one request (student {request.StudentId}, course {request.CourseId})",
                _ => null,
            };
            if (disagreement is not null)
            {
                wrong.Add($"POST at {Clock.Format(request.At)}: {disagreement}");
            }
        }

        foreach (var request in traffic.Cancellations)
        {
            var disagreement = request.Answer switch
            {
                Answer.Success when byId.GetValueOrDefault(request.EnrollmentId) is not { Cancelled: true } => $"{request.Status} but enrollment {request.EnrollmentId} is not cancelled",
                Answer.Refused => $"{request.Status} for enrollment {request.EnrollmentId}, which the API had created",
                _ => null,
            };
            if (disagreement is not null)
            {
                wrong.Add($"DELETE at {Clock.Format(request.At)}: {disagreement}");
            }
        }

        var unknown = traffic.Enrollments.Count(e => e.Answer is Answer.ServerError or Answer.NoAnswer);
        var unknownCommitted = traffic.Enrollments.Count(e => e.Answer is Answer.ServerError or Answer.NoAnswer && byPair[(e.StudentId, e.CourseId)].Any());
        return new("The API's answers agree with enrollmentdb", wrong.Count == 0,
            $"{traffic.Enrollments.Count + traffic.Cancellations.Count} requests; of {unknown} enrollment(s) answered 5xx or not at all, "
            + $"the database shows {unknownCommitted} committed (counted as enrollments like any other)" + List(wrong));
    }

    private static Check OneConfirmationEach(EmailAudit emails, DatabaseFacts facts)
    {
        var wrong = emails.Confirmations.Where(o => o.Verdict is EmailVerdict.Missing or EmailVerdict.Duplicated).ToList();
        var overtaken = wrong.Count(o => o.Verdict == EmailVerdict.Missing
            && emails.Cancellations.Any(c => c.EnrollmentId == o.EnrollmentId && c.Received > 0));
        var detail = $"{emails.Confirmations.Count()} owed: {Tally(emails.Confirmations)}";
        if (overtaken > 0)
        {
            detail += facts.KnowsSuperseded
                ? $"; {overtaken} cancelled enrollment(s) got their cancellation but no confirmation and no Superseded record"
                : $"; {overtaken} cancelled enrollment(s) got their cancellation but no confirmation, and notificationdb has no {DatabaseFacts.Superseded} status yet to record that on purpose";
        }

        return new("Every committed enrollment has exactly one confirmation email (or a Superseded one, if cancelled)", wrong.Count == 0,
            detail + List(wrong.Select(o => Describe(o, facts))));
    }

    private static Check OneCancellationEach(EmailAudit emails, DatabaseFacts facts)
    {
        var wrong = emails.Cancellations.Where(o => o.Verdict is EmailVerdict.Missing or EmailVerdict.Duplicated).ToList();
        return new("Every cancelled enrollment has exactly one cancellation email", wrong.Count == 0,
            $"{emails.Cancellations.Count()} owed: {Tally(emails.Cancellations)}" + List(wrong.Select(o => Describe(o, facts))));
    }

    private static Check NoStrayEmail(EmailAudit emails) =>
        new("Every email answers an event of a committed enrollment and went to its student", emails.Unexpected.Count == 0,
            $"{emails.Received} received, {emails.Unexpected.Count} stray" + List(emails.Unexpected));

    private static Check CapacityHeld(DatabaseFacts facts)
    {
        var wrong = facts.Courses.Where(c => c.Active > c.Capacity || c.SeatsTaken != c.Active).ToList();
        return new("No course has more enrollments than its capacity (and seats_taken counts them)", wrong.Count == 0,
            string.Join(", ", facts.Courses.OrderBy(c => c.Capacity).Select(c => $"{c.Code}: {c.Active} active / {c.Capacity} (seats_taken {c.SeatsTaken})")));
    }

    private static Check OutboxPublished(DatabaseFacts facts)
    {
        var unpublished = facts.Outbox.Count(e => !e.Published);
        return new("Every outbox row is published", unpublished == 0, $"{facts.Outbox.Count} rows, {unpublished} unpublished");
    }

    private static Check NothingPending(DatabaseFacts facts)
    {
        var byStatus = facts.Notifications.Values.GroupBy(n => n.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        var pending = facts.Notifications.Values.Count(n => n.Status == "Pending");
        return new("No notification is left Pending", pending == 0, $"{facts.Notifications.Count} notifications: {string.Join(", ", byStatus)}");
    }

    private static Check NothingDeadLettered(Inputs inputs)
    {
        var rows = inputs.Facts.DeadLetterRows;
        return new("Nothing was dead-lettered", inputs.DeadLetterQueue == 0 && rows is null or 0,
            $"queue {BrokerManagement.DeadLetterQueue}: {inputs.DeadLetterQueue} message(s); "
            + (rows is null ? "notificationdb has no dead_letters table" : $"dead_letters table: {rows} row(s)")
            + $"; notifications Failed: {inputs.Facts.Notifications.Values.Count(n => n.Status == "Failed")}");
    }

    private static Check WentQuiet(Inputs inputs) =>
        new("The pipeline went quiet after the load", inputs.QuietAfter is not null,
            inputs.QuietAfter is { } after
                ? $"no outbox row, queued message or new email for {Quiescence.Hold.TotalSeconds:0} s, {after.TotalSeconds:0} s after every resource was back"
                : $"still moving {inputs.QuietDeadline.TotalMinutes:0} min after every resource was back");

    private static string Tally(IEnumerable<OwedEmail> owed) =>
        string.Join(", ", owed.GroupBy(o => o.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));

    private static string Describe(OwedEmail o, DatabaseFacts facts) =>
        $"enrollment {o.EnrollmentId}: {o.Received} {(o.Kind == EmailAudit.Created ? "confirmation" : "cancellation")}(s)"
        + (o.EventId is not { } eventId ? " and no event in the outbox"
            : facts.Notifications.TryGetValue(eventId, out var n) ? $", notification {n.Status}{(n.SentAt is { } at ? $" (sent {at:HH:mm:ss.fff})" : "")}"
            : ", no notification row");

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count == 0 ? "" : "; e.g. " + string.Join("; ", all.Take(Examples)) + (all.Count > Examples ? $"; and {all.Count - Examples} more" : "");
    }
}
