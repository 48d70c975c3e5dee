using System.Diagnostics;
using TrainingProgram.AppHost.Infrastructure;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Topology;

/// <summary>The real AppHost refuses a mode that cannot work, at once and with a message that says what to do.</summary>
public sealed class InfrastructureModeStartupTests
{
    [Fact]
    public async Task Containers_mode_without_a_runtime_stops_the_apphost_at_once()
    {
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.Build);
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TrainingProgram_AppHost>(
                ["--Infrastructure:Mode=containers", "--ASPIRE_CONTAINER_RUNTIME=trainingprogram-no-such-runtime"],
                timeout.Token).WaitAsync(TestTimeouts.Build, timeout.Token);
            await using var app = await builder.BuildAsync(timeout.Token).WaitAsync(TestTimeouts.Build, timeout.Token);
        });

        var unavailable = FindInner<InfrastructureUnavailableException>(error);
        Assert.NotNull(unavailable);
        Assert.Contains("'trainingprogram-no-such-runtime' is not installed", unavailable.Message, StringComparison.Ordinal);
        Assert.Contains("Infrastructure__Mode=local", unavailable.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    private static T? FindInner<T>(Exception? error) where T : Exception
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is T match)
            {
                return match;
            }
        }

        return null;
    }
}
