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
    public async Task Both_services_report_a_stopped_server_and_are_healthy_again_after_it_restarts(string server)
    {
        await topology.StopResourceAsync(server);

        await WaitForHealthAsync(HttpStatusCode.ServiceUnavailable, $"while {server} is stopped");

        await topology.StartResourceAsync(server);

        await WaitForHealthAsync(HttpStatusCode.OK, $"after {server} restarted");
    }

    private async Task WaitForHealthAsync(HttpStatusCode expected, string when)
    {
        foreach (var service in new[] { TrainingProgramApp.EnrollmentApi, TrainingProgramApp.NotificationService })
        {
            using var http = topology.CreateHttpClient(service);
            // Longer than the services' own health-check timeout; a probe that hangs is retried, not waited out.
            http.Timeout = TimeSpan.FromSeconds(15);
            await Eventually.Until(
                async ct =>
                {
                    using var response = await http.GetAsync("/health", ct);
                    return response.StatusCode;
                },
                status => status == expected,
                $"{service} /health to answer {(int)expected} {when}");
        }
    }
}
