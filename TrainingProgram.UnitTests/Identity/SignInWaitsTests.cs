using TrainingProgram.Identity.SignIn.Throttling;

namespace TrainingProgram.UnitTests.Identity;

public sealed class SignInWaitsTests
{
    private static readonly SignInThrottleOptions Options = new();
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);

    private static SignInFailures Failures(int count, TimeSpan ago, DateTimeOffset? lastSuccess = null, string subject = "user:S1001", string source = "198.51.100.7") =>
        new() { Subject = subject, Source = source, Failures = count, LastFailureAt = Now - ago, LastSuccessAt = lastSuccess };

    [Fact]
    public void The_first_failures_of_a_source_cost_no_wait()
    {
        Assert.Null(SignInWaits.Remaining(Failures(4, TimeSpan.Zero), Failures(4, TimeSpan.Zero), Failures(4, TimeSpan.Zero), Now, Options));
    }

    [Fact]
    public void After_the_free_failures_the_wait_doubles_up_to_the_maximum()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), SignInWaits.Delay(5, 5, Options));
        Assert.Equal(TimeSpan.FromSeconds(60), SignInWaits.Delay(6, 5, Options));
        Assert.Equal(TimeSpan.FromSeconds(120), SignInWaits.Delay(7, 5, Options));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInWaits.Delay(90, 5, Options));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInWaits.Delay(int.MaxValue, 5, Options));
    }

    /// <summary>A campus behind one address: its typos over a morning must not add up to a wait for the afternoon.</summary>
    [Fact]
    public void A_sources_failures_are_forgotten_after_a_quiet_hour_but_not_the_accounts_own_count()
    {
        var quiet = Options.ForgetSourceFailuresAfter;

        Assert.Null(SignInWaits.Remaining(Failures(40, quiet), null, Failures(500, quiet), Now + Options.MaxDelay, Options));
        Assert.NotNull(SignInWaits.Remaining(null, null, Failures(500, quiet - TimeSpan.FromMinutes(50)), Now, Options));
        Assert.NotNull(SignInWaits.Remaining(null, Failures(Options.AccountFailureBound, TimeSpan.FromMinutes(5)), null, Now, Options));
    }

    [Fact]
    public void A_source_that_failed_too_often_on_an_account_waits_what_is_left_of_its_delay()
    {
        var remaining = SignInWaits.Remaining(Failures(6, TimeSpan.FromSeconds(20)), Failures(6, TimeSpan.FromSeconds(20)), null, Now, Options);

        Assert.Equal(TimeSpan.FromSeconds(40), remaining);
    }

    [Fact]
    public void Another_source_is_not_held_back_by_a_strangers_failures_on_the_same_account()
    {
        var strangersOnTheAccount = Failures(60, TimeSpan.Zero, source: SignInFailures.AnySource);

        Assert.Null(SignInWaits.Remaining(pair: null, strangersOnTheAccount, source: null, Now, Options));
    }

    [Fact]
    public void Past_the_nist_bound_a_source_the_account_never_signed_in_from_waits_but_a_known_one_does_not()
    {
        var account = Failures(100, TimeSpan.FromMinutes(1), source: SignInFailures.AnySource);

        Assert.Equal(TimeSpan.FromMinutes(9), SignInWaits.Remaining(pair: null, account, source: null, Now, Options));
        var known = Failures(0, TimeSpan.FromDays(1), lastSuccess: Now - TimeSpan.FromDays(2));
        Assert.Null(SignInWaits.Remaining(known, account, source: null, Now, Options));
    }

    [Fact]
    public void A_source_spraying_many_accounts_waits_once_past_its_own_free_failures()
    {
        var source = Failures(20, TimeSpan.FromSeconds(1), subject: SignInFailures.AnySubject);

        Assert.Equal(TimeSpan.FromSeconds(29), SignInWaits.Remaining(pair: null, subject: null, source, Now, Options));
    }

    [Fact]
    public void A_wait_never_ends_in_a_lock_it_runs_out()
    {
        var longAgo = TimeSpan.FromMinutes(16);

        Assert.Null(SignInWaits.Remaining(Failures(1000, longAgo), Failures(1000, longAgo, source: SignInFailures.AnySource), Failures(1000, longAgo, subject: SignInFailures.AnySubject), Now, Options));
    }

    [Fact]
    public void Past_the_account_bound_a_device_the_account_signed_in_on_is_not_held_back_but_a_new_one_is()
    {
        var accountWide = Failures(150, TimeSpan.FromMinutes(1), source: SignInFailures.AnySource);

        Assert.Null(SignInWaits.Remaining(null, accountWide, null, Now, Options, knownSource: true));
        Assert.Equal(TimeSpan.FromMinutes(9), SignInWaits.Remaining(null, accountWide, null, Now, Options));
    }
}
