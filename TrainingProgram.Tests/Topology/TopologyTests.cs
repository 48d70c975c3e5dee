using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Topology;

public sealed class TopologyTests(TrainingProgramApp topology)
{
    [Fact]
    public void Every_resource_becomes_healthy()
    {
        foreach (var name in ResourceNames.All)
        {
            Assert.True(
                topology.App.ResourceNotifications.TryGetCurrentState(name, out var resourceEvent),
                $"{name} has no state");
            Assert.Equal(KnownResourceStates.Running, resourceEvent.Snapshot.State?.Text);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, resourceEvent.Snapshot.HealthStatus);
        }
    }

    [Theory]
    [InlineData(ResourceNames.EnrollmentApi, "/health")]
    [InlineData(ResourceNames.EnrollmentApi, "/alive")]
    [InlineData(ResourceNames.NotificationService, "/health")]
    [InlineData(ResourceNames.NotificationService, "/alive")]
    public async Task Services_answer_their_health_endpoints(string service, string path)
    {
        using var http = topology.CreateRegistrarClient(service);

        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_dev_mail_server_answers_its_api()
    {
        using var http = new HttpClient { BaseAddress = topology.App.GetEndpoint(ResourceNames.Mail, "http") };

        var inbox = await http.GetFromJsonAsync<JsonElement>("/api/messages", TestContext.Current.CancellationToken);

        Assert.True(inbox.TryGetProperty("results", out var results), inbox.ToString());
        Assert.Equal(JsonValueKind.Array, results.ValueKind);
    }

    [Fact]
    public async Task Connection_strings_name_loopback_and_a_real_password()
    {
        var postgres = await topology.GetConnectionStringAsync(ResourceNames.EnrollmentDb);
        var messaging = await topology.GetConnectionStringAsync(ResourceNames.Messaging);

        Assert.Contains("Database=enrollmentdb", postgres, StringComparison.Ordinal);
        Assert.Matches("Password=[^;]{22,}", postgres);
        Assert.DoesNotContain("guest:guest", messaging, StringComparison.Ordinal);
        if (TrainingProgramApp.InfrastructureMode == "local")
        {
            Assert.Contains("Host=127.0.0.1", postgres, StringComparison.Ordinal);
            Assert.Contains("@127.0.0.1:", messaging, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Local_mode_declares_no_container_resource()
    {
        Assert.SkipUnless(TrainingProgramApp.InfrastructureMode == "local", "only the local mode promises no containers");
        var model = topology.App.Services.GetRequiredService<DistributedApplicationModel>();

        Assert.Empty(model.Resources.Where(resource => resource.IsContainer()).Select(resource => resource.Name));
    }
}
