using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TrainingProgram.Benchmarks;

/// <summary>The whole topology in local mode, started by the real AppHost, plus plain clients that add no retries.</summary>
public sealed class BenchmarkTopology : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private BenchmarkTopology(DistributedApplication app, HttpClient api, string enrollmentDb, string notificationDb, Uri inbox, Uri smtp)
    {
        App = app;
        Api = api;
        EnrollmentDb = enrollmentDb;
        NotificationDb = notificationDb;
        Inbox = inbox;
        Smtp = smtp;
    }

    public DistributedApplication App { get; }

    /// <summary>No resilience handler: a retried POST would distort latencies and could enroll twice.</summary>
    public HttpClient Api { get; }

    public string EnrollmentDb { get; }

    public string NotificationDb { get; }

    public Uri Inbox { get; }

    public Uri Smtp { get; }

    public static async Task<BenchmarkTopology> StartAsync(string[] appHostArguments)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TrainingProgram_AppHost>(
            ["--Infrastructure:Mode=local", .. appHostArguments], timeout.Token);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("TrainingProgram.AppHost.Resources", LogLevel.Warning));

        // No dashboard runs here to receive telemetry; exporting into the void would spend CPU on retries mid-measurement.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        }

        // The load acts as the registrar with one client-credentials token (docs/identity.md); it must outlive the run.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "identity"))
            .WithEnvironment("Identity__AccessTokenLifetime", TimeSpan.FromHours(2).ToString());

        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        foreach (var resource in new[] { "identity", "enrollment-api", "notification-service", "mail" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        var api = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = app.GetEndpoint("enrollment-api", "http"),
            // Long enough that an overloaded open loop shows as latency and every request gets the server's answer, so
            // what it made is known; the server's own database and broker timeouts end a request well before this.
            Timeout = TimeSpan.FromMinutes(5),
            DefaultRequestVersion = HttpVersion.Version11,
        };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await RegistrarTokenAsync(app, timeout.Token));
        var mail = (await app.GetConnectionStringAsync("mail", timeout.Token))!;
        return new BenchmarkTopology(
            app, api,
            (await app.GetConnectionStringAsync("enrollmentdb", timeout.Token))!,
            (await app.GetConnectionStringAsync("notificationdb", timeout.Token))!,
            app.GetEndpoint("mail", "http"),
            new Uri(mail["Endpoint=".Length..]));
    }

    /// <summary>Client credentials of the operations client, whose secret is the AppHost's parameter of that name.</summary>
    private static async Task<string> RegistrarTokenAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var secret = await model.Resources.OfType<ParameterResource>().Single(p => p.Name == "operations-client-secret")
            .GetValueAsync(cancellationToken);
        using var identity = new HttpClient { BaseAddress = app.GetEndpoint("identity", "http") };
        using var response = await identity.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "trainingprogram-operations",
            ["client_secret"] = secret!,
            ["scope"] = "enrollments notifications",
        }), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public Task StopServiceAsync(string name) =>
        RunCommandAsync(name, KnownResourceCommands.StopCommand, KnownResourceStates.TerminalStates, TimeSpan.FromMinutes(1));

    public Task StartServiceAsync(string name) =>
        RunCommandAsync(name, KnownResourceCommands.StartCommand, [KnownResourceStates.Running], TimeSpan.FromMinutes(2));

    private async Task RunCommandAsync(string name, string command, IEnumerable<string> until, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var result = await App.ResourceCommands.ExecuteCommandAsync(name, command, timeout.Token);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} {name}: {result.Message}");
        }

        await App.ResourceNotifications.WaitForResourceAsync(name, [.. until], timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}
