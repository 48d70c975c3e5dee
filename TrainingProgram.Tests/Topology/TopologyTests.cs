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

    /// <summary>
    /// Each service reaches the broker as a user of its own, with only what it needs: neither holds the
    /// administrator's password, the API cannot read the Notification Service's queues, and the Notification Service
    /// cannot publish enrollment events (a stolen password of either cannot forge or swallow the other's messages).
    /// </summary>
    [Fact]
    public async Task Each_service_connects_to_the_broker_as_its_own_user_and_may_do_only_its_own_part()
    {
        using var management = await BrokerManagementAsync();
        await Eventually.Until(
            async ct => await management.GetFromJsonAsync<JsonElement[]>("/api/connections?columns=user", ct),
            list => list!.Any(c => c.GetProperty("user").GetString() == "enrollment-api")
                && list!.Any(c => c.GetProperty("user").GetString() == "notification-service"),
            "both services' connections to be listed under their own users (the broker refreshes its list every few seconds)");

        var api = await topology.GetConnectionStringAsync(ResourceNames.MessagingEnrollmentApi);
        var notifications = await topology.GetConnectionStringAsync(ResourceNames.MessagingNotificationService);
        Assert.StartsWith("amqp://enrollment-api:", api, StringComparison.Ordinal);
        Assert.StartsWith("amqp://notification-service:", notifications, StringComparison.Ordinal);

        await AssertRefusedAsync(api!, channel => channel.BasicGetAsync(BrokerQueues.Notifications, autoAck: false, TestContext.Current.CancellationToken));
        await AssertRefusedAsync(api!, channel => channel.QueueDeclareAsync("stolen", durable: false, exclusive: false, autoDelete: true,
            cancellationToken: TestContext.Current.CancellationToken));
        await AssertRefusedAsync(notifications!, channel => channel.BasicPublishAsync(
            TrainingProgram.Messaging.Topology.EnrollmentEventsTopology.Exchange, "enrollment.created", mandatory: true, new RabbitMQ.Client.BasicProperties(),
            "{}"u8.ToArray(), TestContext.Current.CancellationToken).AsTask());
        foreach (var (user, connectionString) in new[] { ("enrollment-api", api!), ("notification-service", notifications!) })
        {
            using var asService = new HttpClient { BaseAddress = topology.App.GetEndpoint(ResourceNames.Messaging, "management") };
            asService.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(new Uri(connectionString).UserInfo)));
            using var overview = await asService.GetAsync("/api/overview", TestContext.Current.CancellationToken);
            Assert.True(overview.StatusCode == HttpStatusCode.Unauthorized, $"{user} got {(int)overview.StatusCode} from the management API");
        }
    }

    private static async Task AssertRefusedAsync(string connectionString, Func<RabbitMQ.Client.IChannel, Task> operation)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync("trainingprogram-tests", TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new RabbitMQ.Client.CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => operation(channel));
        Assert.Equal((ushort)403, (channel.CloseReason ?? (refused as RabbitMQ.Client.Exceptions.OperationInterruptedException)?.ShutdownReason)?.ReplyCode);
    }

    private async Task<HttpClient> BrokerManagementAsync()
    {
        var model = topology.App.Services.GetRequiredService<DistributedApplicationModel>();
        var parameters = model.Resources.OfType<ParameterResource>().ToList();
        var user = await parameters.Single(p => p.Name == "messaging-username").GetValueAsync(TestContext.Current.CancellationToken);
        var password = await parameters.Single(p => p.Name == "messaging-password").GetValueAsync(TestContext.Current.CancellationToken);
        var http = new HttpClient { BaseAddress = topology.App.GetEndpoint(ResourceNames.Messaging, "management") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }
}
