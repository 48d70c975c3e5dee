using System.Net;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Topology;

[Collection(FaultTopology.Name)]
public sealed class ResourceRestartTests(FaultsApp topology) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => new(topology.RestoreAllAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Readiness says what a service can still do: without its database neither can work; without the broker the API
    /// still takes enrollments (its outbox keeps the events), so a load balancer must keep it: Degraded, still 200.
    /// </summary>
    [Theory]
    [InlineData(TrainingProgramApp.Postgres, "Unhealthy", "Unhealthy")]
    [InlineData(TrainingProgramApp.Messaging, "Degraded", "Unhealthy")]
    public async Task Each_service_reports_what_a_stopped_server_leaves_it_able_to_do_and_is_healthy_again_after_it_restarts(
        string server, string enrollmentApi, string notificationService)
    {
        await topology.StopResourceAsync(server);

        await WaitForHealthAsync(TrainingProgramApp.EnrollmentApi, enrollmentApi, $"while {server} is stopped");
        await WaitForHealthAsync(TrainingProgramApp.NotificationService, notificationService, $"while {server} is stopped");

        await topology.StartResourceAsync(server);

        await WaitForHealthAsync(TrainingProgramApp.EnrollmentApi, "Healthy", $"after {server} restarted");
        await WaitForHealthAsync(TrainingProgramApp.NotificationService, "Healthy", $"after {server} restarted");
    }

    private async Task WaitForHealthAsync(string service, string expected, string when)
    {
        // /health is open to anyone; a token would have to come from the identity provider, which needs postgres.
        using var http = topology.CreateAnonymousHttpClient(service);
        // Longer than the services' own health-check timeout; a probe that hangs is retried, not waited out.
        http.Timeout = TimeSpan.FromSeconds(15);
        var expectedStatus = expected == "Unhealthy" ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        await Eventually.Until(
            async ct =>
            {
                using var response = await http.GetAsync("/health", ct);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(ct));
            },
            health => health == (expectedStatus, expected),
            $"{service} /health to answer {(int)expectedStatus} {expected} {when}");
    }
}
