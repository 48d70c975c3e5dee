using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.Identity.SignIn.Throttling;

/// <summary>Section <c>Identity:SignInThrottle</c>: how guessing passwords and client secrets is slowed (docs/identity.md).</summary>
public sealed class SignInThrottleOptions
{
    public const string SectionName = "Identity:SignInThrottle";

    /// <summary>Failures of one source on one account before it has to wait.</summary>
    [Range(1, 100)]
    public int FreeFailuresPerAccountAndSource { get; set; } = 5;

    /// <summary>Failures of one source, whatever the accounts, before it has to wait (spraying many accounts).</summary>
    [Range(1, 1000)]
    public int FreeFailuresPerSource { get; set; } = 20;

    /// <summary>The first wait; each further failure doubles it, up to <see cref="MaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Consecutive failures of an account, from all sources, after which sources it never signed in from wait <see cref="AccountBoundDelay"/> (NIST SP 800-63B: at most 100).</summary>
    [Range(1, 100)]
    public int AccountFailureBound { get; set; } = 100;

    /// <summary>Past <see cref="AccountFailureBound"/>: the wait after the account's last failure for a source it never signed in from.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AccountBoundDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A quiet period after which a source's failures are forgotten, on one account and over all accounts: one
    /// address may be a whole campus behind NAT, whose every typo would otherwise add to a count that never falls.
    /// An account's own count over all sources (the bound above) is only reset by a success.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ForgetSourceFailuresAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Password and secret checks that may run at once in one replica (each is ~100 ms of one core); 0: one per core.</summary>
    [Range(0, 64)]
    public int ConcurrentChecks { get; set; }

    /// <summary>How long a check may wait for its turn before the answer is 503 with Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan CheckQueueTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
