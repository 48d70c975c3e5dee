namespace TrainingProgram.Soak;

/// <summary>One email owed and what arrived for it.</summary>
public sealed record OwedEmail(Guid EnrollmentId, string Kind, Guid? EventId, int Received, EmailVerdict Verdict);

public enum EmailVerdict
{
    /// <summary>Exactly one arrived.</summary>
    One,

    /// <summary>None arrived, and the confirmation is recorded Superseded by the cancellation that did.</summary>
    Superseded,

    /// <summary>
    /// None seen, but smtp4dev accepted it (the Notification Service recorded it Sent) between the inbox's last read
    /// and a stop of `mail`, whose memory went with it: the mail server's loss, not the pipeline's.
    /// </summary>
    LostWithMailServer,

    Missing,

    Duplicated,
}

/// <summary>
/// Matches every email smtp4dev received to the event it answers, by its Message-Id (<c>&lt;eventId@domain&gt;</c>,
/// docs/notification-service.md) and the outbox row of that event in enrollmentdb, which the Enrollment API wrote in
/// the enrollment's own transaction: one email is owed per event of a committed enrollment, to its student.
/// </summary>
public sealed class EmailAudit
{
    public const string Created = "EnrollmentCreated";
    public const string Cancelled = "EnrollmentCancelled";

    /// <summary>How long before a read of the inbox smtp4dev may have accepted a message it had not stored yet.</summary>
    private static readonly TimeSpan StoringLag = TimeSpan.FromSeconds(10);

    private EmailAudit(IReadOnlyList<OwedEmail> owed, IReadOnlyList<string> unexpected, int received, IReadOnlyList<(MailStop Stop, int Lost)> mailStops)
    {
        Owed = owed;
        Unexpected = unexpected;
        Received = received;
        MailStops = mailStops;
    }

    public IReadOnlyList<OwedEmail> Owed { get; }

    /// <summary>Emails that answer no event of a committed enrollment, or went to someone else than its student.</summary>
    public IReadOnlyList<string> Unexpected { get; }

    public int Received { get; }

    /// <summary>Each stop of `mail`, with how many owed emails it took with it.</summary>
    public IReadOnlyList<(MailStop Stop, int Lost)> MailStops { get; }

    public IEnumerable<OwedEmail> Confirmations => Owed.Where(o => o.Kind == Created);

    public IEnumerable<OwedEmail> Cancellations => Owed.Where(o => o.Kind == Cancelled);

    public int Expected => Owed.Count(o => o.Verdict != EmailVerdict.Superseded);

    public int Duplicates => Owed.Sum(o => Math.Max(0, o.Received - 1));

    public int Count(EmailVerdict verdict) => Owed.Count(o => o.Verdict == verdict);

    public static EmailAudit Of(DatabaseFacts facts, Catalogue catalogue, IReadOnlyCollection<ReceivedEmail> emails, IReadOnlyList<MailStop> mailStops)
    {
        var eventsByEnrollment = facts.Outbox.ToLookup(e => (e.EnrollmentId, e.EventType));
        var eventIds = facts.Outbox.ToDictionary(e => e.EventId);
        var emailOf = catalogue.Students.ToDictionary(s => s.Id, s => s.Email);
        var enrollments = facts.Enrollments.ToDictionary(e => e.Id);
        var unexpected = new List<string>();
        var received = new Dictionary<Guid, int>();
        foreach (var email in emails)
        {
            if (EventIdOf(email.MessageId) is not { } eventId || !eventIds.TryGetValue(eventId, out var outboxEvent)
                || !enrollments.TryGetValue(outboxEvent.EnrollmentId, out var enrollment))
            {
                unexpected.Add($"'{email.Subject}' to {string.Join(", ", email.To)} (Message-Id {email.MessageId ?? "none"})");
                continue;
            }

            if (!email.To.Select(AddressOf).Contains(emailOf[enrollment.StudentId], StringComparer.OrdinalIgnoreCase))
            {
                unexpected.Add($"'{email.Subject}' to {string.Join(", ", email.To)} instead of {emailOf[enrollment.StudentId]}");
                continue;
            }

            received[eventId] = received.GetValueOrDefault(eventId) + 1;
        }

        var lostAt = mailStops.ToDictionary(s => s, _ => 0);
        bool LostWithMailServer(Guid eventId)
        {
            var stop = facts.Notifications.TryGetValue(eventId, out var n) && n.Status == "Sent" && n.SentAt is { } sentAt
                ? mailStops.FirstOrDefault(s => sentAt >= s.SnapshotAt - StoringLag && sentAt <= s.DownAt)
                : null;
            if (stop is not null)
            {
                lostAt[stop]++;
            }

            return stop is not null;
        }

        var owed = new List<OwedEmail>();
        foreach (var enrollment in facts.Enrollments)
        {
            // One event of each kind per enrollment; should the outbox hold two, their emails count together.
            var created = eventsByEnrollment[(enrollment.Id, Created)].Select(e => e.EventId).ToList();
            var cancelled = eventsByEnrollment[(enrollment.Id, Cancelled)].Select(e => e.EventId).ToList();
            var cancellationArrived = cancelled.Any(c => received.GetValueOrDefault(c) > 0);
            owed.Add(Judge(enrollment.Id, Created, created, eventId =>
                enrollment.Cancelled && cancellationArrived
                && facts.Notifications.TryGetValue(eventId, out var n) && n.Status == DatabaseFacts.Superseded));
            if (enrollment.Cancelled)
            {
                owed.Add(Judge(enrollment.Id, Cancelled, cancelled, _ => false));
            }
        }

        return new EmailAudit(owed, unexpected, emails.Count, [.. mailStops.Select(s => (s, lostAt[s]))]);

        OwedEmail Judge(Guid enrollmentId, string kind, List<Guid> eventIds, Func<Guid, bool> superseded)
        {
            var count = eventIds.Sum(id => received.GetValueOrDefault(id));
            Guid? eventId = eventIds.Count > 0 ? eventIds[0] : null;
            var verdict = count switch
            {
                1 when eventIds.Count == 1 => EmailVerdict.One,
                > 1 => EmailVerdict.Duplicated,
                _ when eventId is { } owedEvent && superseded(owedEvent) => EmailVerdict.Superseded,
                _ when eventId is { } owedEvent && LostWithMailServer(owedEvent) => EmailVerdict.LostWithMailServer,
                _ => EmailVerdict.Missing,
            };
            return new OwedEmail(enrollmentId, kind, eventId, count, verdict);
        }
    }

    /// <summary>The address in <c>"Name" &lt;address&gt;</c>, as smtp4dev lists recipients, or the whole of a bare address.</summary>
    private static string AddressOf(string recipient) =>
        recipient.LastIndexOf('<') is var open and >= 0 && recipient.IndexOf('>', open) is var close and > 0
            ? recipient[(open + 1)..close].Trim()
            : recipient.Trim();

    /// <summary>The event id in a Message-Id of the form &lt;eventId@domain&gt;.</summary>
    private static Guid? EventIdOf(string? messageId) =>
        messageId?.Trim('<', '>', ' ').Split('@')[0] is { } local && Guid.TryParse(local, out var id) ? id : null;
}
