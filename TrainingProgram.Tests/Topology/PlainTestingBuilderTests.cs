using Aspire.Hosting.ApplicationModel;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Topology;

/// <summary>
/// What a user of this AppHost writes for their own distributed tests: DistributedApplicationTestingBuilder with
/// nothing configured but the infrastructure mode, no dashboard, no help from this suite's fixtures.
/// </summary>
public sealed class PlainTestingBuilderTests
{
    private static readonly string[] StopStartOrder =
    [
        TrainingProgramApp.NotificationService, TrainingProgramApp.EnrollmentApi, TrainingProgramApp.Identity, TrainingProgramApp.Mail,
        TrainingProgramApp.Messaging, TrainingProgramApp.Postgres,
    ];

    private static readonly string[] ServicesWeBuild =
        [TrainingProgramApp.NotificationService, TrainingProgramApp.EnrollmentApi, TrainingProgramApp.Identity];

    [Fact]
    public async Task A_plain_fixture_stops_and_starts_every_resource_when_asked()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TestTimeouts.Start * 2);
        var builder = await DistributedApplicationTestingBuilder
            .CreateAsync<Projects.TrainingProgram_AppHost>([$"--Infrastructure:Mode={TrainingProgramApp.InfrastructureMode}"], timeout.Token)
            .WaitAsync(TestTimeouts.Build, timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token).WaitAsync(TestTimeouts.Build, timeout.Token);
        await app.StartAsync(timeout.Token).WaitAsync(TestTimeouts.Start, timeout.Token);
        await Task.WhenAll(StopStartOrder.Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)))
            .WaitAsync(TestTimeouts.Start, timeout.Token);

        foreach (var name in StopStartOrder)
        {
            var stopped = await app.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand, timeout.Token)
                .WaitAsync(TestTimeouts.ResourceState, timeout.Token);
            Assert.True(stopped.Success, $"stop {name}: {stopped.Message}");
            var stoppedState = await app.ResourceNotifications.WaitForResourceAsync(
                    name, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token)
                .WaitAsync(TestTimeouts.ResourceState, timeout.Token);
            if (ServicesWeBuild.Contains(name))
            {
                // Aspire reports Stop as done even when it had to kill the process: a clean exit is what proves the
                // service shut down inside the orchestrator's window (before the bounded telemetry flush it was -1).
                Assert.True(stoppedState.Snapshot.ExitCode == 0, $"{name} exited with {stoppedState.Snapshot.ExitCode} when stopped");
            }

            var started = await app.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand, timeout.Token)
                .WaitAsync(TestTimeouts.ResourceState, timeout.Token);
            Assert.True(started.Success, $"start {name}: {started.Message}");
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)
                .WaitAsync(TestTimeouts.ResourceState, timeout.Token);
        }

        await app.StopAsync(timeout.Token).WaitAsync(TestTimeouts.Stop, timeout.Token);
    }
}
