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
        TrainingProgramApp.NotificationService, TrainingProgramApp.EnrollmentApi, TrainingProgramApp.Mail,
        TrainingProgramApp.Messaging, TrainingProgramApp.Postgres,
    ];

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
            await app.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.TerminalStates, timeout.Token)
                .WaitAsync(TestTimeouts.ResourceState, timeout.Token);

            var started = await app.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand, timeout.Token)
                .WaitAsync(TestTimeouts.ResourceState, timeout.Token);
            Assert.True(started.Success, $"start {name}: {started.Message}");
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)
                .WaitAsync(TestTimeouts.ResourceState, timeout.Token);
        }

        await app.StopAsync(timeout.Token).WaitAsync(TestTimeouts.Stop, timeout.Token);
    }
}
