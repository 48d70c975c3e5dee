using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using TrainingProgram.Identity.Data;

namespace TrainingProgram.Identity.SignIn.Throttling;

/// <summary>
/// Before a password or client secret is checked: must this source wait (<see cref="SignInWaits"/>)? After: count
/// the failure, or forget the failures of this subject and source. Counts are upserted in one statement each, so
/// replicas and concurrent requests add up rather than overwrite each other.
/// </summary>
public sealed class SignInThrottle(IdentityDbContext db, TimeProvider clock, IOptions<SignInThrottleOptions> options)
{
    public static string UserSubject(string userName) => Truncate("user:" + userName);

    public static string ClientSubject(string clientId) => Truncate("client:" + clientId);

    /// <summary>
    /// The connection's address (after a trusted proxy's X-Forwarded-For). An IPv6 source is its /64: one subscriber
    /// usually has a whole /64, and would otherwise be a new source at every address of it.
    /// </summary>
    public static string SourceOf(HttpContext http) => http.Connection.RemoteIpAddress is { } address ? SourceOf(address) : "unknown";

    private static string SourceOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    public async Task<TimeSpan?> WaitBeforeAttemptAsync(string subject, string source, CancellationToken cancellationToken, bool knownSource = false)
    {
        var anySubject = SignInFailures.AnySubjectLike(subject);
        var rows = await db.SignInFailures.AsNoTracking()
            .Where(f => (f.Subject == subject && (f.Source == source || f.Source == SignInFailures.AnySource))
                || (f.Subject == anySubject && f.Source == source))
            .ToListAsync(cancellationToken);
        return SignInWaits.Remaining(
            rows.SingleOrDefault(f => f.Subject == subject && f.Source == source),
            rows.SingleOrDefault(f => f.Subject == subject && f.Source == SignInFailures.AnySource),
            rows.SingleOrDefault(f => f.Subject == anySubject && f.Source == source),
            clock.GetUtcNow(),
            options.Value,
            knownSource);
    }

    public async Task RecordFailureAsync(string subject, string source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // A source's count that has been quiet long enough starts again (SignInWaits.Remembered); the account's own does not.
        var forgotten = now - options.Value.ForgetSourceFailuresAfter;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO sign_in_failures (subject, source, failures, last_failure_at)
            VALUES ({subject}, {source}, 1, {now}), ({subject}, {SignInFailures.AnySource}, 1, {now}), ({SignInFailures.AnySubjectLike(subject)}, {source}, 1, {now})
            ON CONFLICT (subject, source) DO UPDATE SET
                failures = CASE WHEN sign_in_failures.source <> {SignInFailures.AnySource} AND sign_in_failures.last_failure_at <= {forgotten}
                    THEN 1 ELSE sign_in_failures.failures + 1 END,
                last_failure_at = excluded.last_failure_at
            """, cancellationToken);
    }

    /// <summary>
    /// The account's own counts start again: this source's, and the account's over all sources. The source's count
    /// over all accounts stays (its waits end by time): a success at one account proves nothing about the others, and
    /// would otherwise let a sprayer reset its count by signing in to its own account between guesses.
    /// </summary>
    public async Task RecordSuccessAsync(string subject, string source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO sign_in_failures (subject, source, failures, last_success_at)
            VALUES ({subject}, {source}, 0, {now})
            ON CONFLICT (subject, source) DO UPDATE SET failures = 0, last_success_at = excluded.last_success_at
            """, cancellationToken);
        await db.SignInFailures
            .Where(f => f.Failures > 0 && f.Subject == subject && f.Source == SignInFailures.AnySource)
            .ExecuteUpdateAsync(set => set.SetProperty(f => f.Failures, 0), cancellationToken);
    }

    /// <summary>A registrar gave the account a new password: its failures no longer count against anyone.</summary>
    public Task ForgetAsync(string subject, CancellationToken cancellationToken) =>
        db.SignInFailures.Where(f => f.Subject == subject).ExecuteDeleteAsync(cancellationToken);

    private static string Truncate(string subject) => subject[..Math.Min(subject.Length, SignInFailures.SubjectMaxLength)];
}
