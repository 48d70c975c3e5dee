using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TrainingProgram.Testing;
using Xunit;

// This test stops each resource of the shared topology in turn: nothing else may run meanwhile.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace TrainingProgram.Samples.Tests;

/// <summary>
/// What a user's own fixture can do with the dashboard's commands: stop and start every resource, servers included,
/// and find each healthy again. The services must exit cleanly when stopped.
/// </summary>
public class ResourceRestartTests(TrainingProgramTopology topology)
{
    private static readonly string[] StopStartOrder =
    [
        ResourceNames.NotificationService, ResourceNames.EnrollmentApi, ResourceNames.Identity, ResourceNames.Mail,
        ResourceNames.Messaging, ResourceNames.Postgres,
    ];

    private static readonly string[] ServicesWeBuild = [ResourceNames.NotificationService, ResourceNames.EnrollmentApi, ResourceNames.Identity];

    [Fact]
    public async Task Every_resource_stops_and_starts_again_when_asked()
    {
        try
        {
            foreach (var name in StopStartOrder)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
                timeout.CancelAfter(topology.Timeouts.ResourceState);
                var stopped = await topology.App.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand, timeout.Token);
                Assert.True(stopped.Success, $"stop {name}: {stopped.Message}");
                var stoppedState = await topology.App.ResourceNotifications.WaitForResourceAsync(
                    name, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
                if (ServicesWeBuild.Contains(name))
                {
                    // Aspire reports Stop as done even when it had to kill the process: a clean exit is what proves the
                    // service shut down inside the orchestrator's window.
                    Assert.True(stoppedState.Snapshot.ExitCode == 0, $"{name} exited with {stoppedState.Snapshot.ExitCode} when stopped");
                }

                await topology.StartResourceAsync(name);
            }
        }
        finally
        {
            // What a failure left stopped is started again, so that the other test on this topology still runs.
            await topology.RestoreAllAsync();
        }
    }
}
