using Microsoft.Extensions.Options;
using TrainingProgram.Identity.SignIn.Throttling;

namespace TrainingProgram.UnitTests.Identity;

public sealed class PasswordCheckLimiterTests
{
    [Fact]
    public async Task A_check_past_the_limit_waits_its_turn_and_gets_none_when_the_queue_time_runs_out()
    {
        using var limiter = new PasswordCheckLimiter(Options.Create(new SignInThrottleOptions
        {
            ConcurrentChecks = 1,
            CheckQueueTimeout = TimeSpan.FromMilliseconds(50),
        }));

        using (var first = await limiter.TryAcquireAsync(TestContext.Current.CancellationToken))
        {
            Assert.NotNull(first);
            Assert.Null(await limiter.TryAcquireAsync(TestContext.Current.CancellationToken));
        }

        using var afterwards = await limiter.TryAcquireAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(afterwards);
    }

    [Fact]
    public async Task A_waiting_check_gets_the_permit_the_running_one_gives_back()
    {
        using var limiter = new PasswordCheckLimiter(Options.Create(new SignInThrottleOptions
        {
            ConcurrentChecks = 1,
            CheckQueueTimeout = TimeSpan.FromSeconds(10),
        }));
        var first = await limiter.TryAcquireAsync(TestContext.Current.CancellationToken);

        var waiting = limiter.TryAcquireAsync(TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        first!.Dispose();

        using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.NotNull(second);
    }
}
