using System.Net;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Topology;

[Collection(FaultTopology.Name)]
public sealed class ResourceRestartTests(FaultsApp topology) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => new(topology.RestoreAllAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;


    [Theory]
    [InlineData(TrainingProgramApp.Postgres)]
    [InlineData(TrainingProgramApp.Messaging)]
    public async Task Stopping_and_starting_a_server_leaves_both_services_healthy(string server)
    {
        await topology.StopResourceAsync(server);
        await topology.StartResourceAsync(server);

        foreach (var service in new[] { TrainingProgramApp.EnrollmentApi, TrainingProgramApp.NotificationService })
        {
            using var http = topology.CreateHttpClient(service);
            await Eventually.Until(
                async ct => (await http.GetAsync("/health", ct)).StatusCode,
                status => status == HttpStatusCode.OK,
                $"{service} to report healthy after {server} restarted");
        }
    }
}
