using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TrainingProgram.Soak;

/// <summary>
/// The whole topology in local mode with two Enrollment API replicas, started by the real AppHost; plain clients
/// that add no retries, so every failure the faults cause is seen and recorded.
/// </summary>
public sealed class SoakTopology : IAsyncDisposable
{
    public const string EnrollmentApi = "enrollment-api";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private int _disposed;

    private SoakTopology(DistributedApplication app, HttpClient api, ResourceControl resources, string logFile)
    {
        App = app;
        Api = api;
        Resources = resources;
        LogFile = logFile;
    }

    public DistributedApplication App { get; }

    /// <summary>Through the AppHost's proxy, which spreads requests over both replicas; no resilience handler.</summary>
    public HttpClient Api { get; }

    public ResourceControl Resources { get; }

    /// <summary>The AppHost's and every resource's logs, for looking into a failure.</summary>
    public string LogFile { get; }

    public string EnrollmentDb { get; private set; } = "";

    public string NotificationDb { get; private set; } = "";

    public Uri Inbox { get; private set; } = null!;

    public BrokerManagement Broker { get; private set; } = null!;

    public static async Task<SoakTopology> StartAsync(SoakSettings settings)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TrainingProgram_AppHost>(
            ["--Infrastructure:Mode=local", $"--Replicas:{EnrollmentApi}=2"], timeout.Token);
        var logFile = Path.Combine(Path.GetTempPath(), $"trainingprogram-soak-{DateTime.UtcNow:yyyyMMdd-HHmmss}.log");
        builder.Services.AddLogging(logging => logging
            .ClearProviders()
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddProvider(new LogFileProvider(logFile)));

        // No dashboard runs here to receive telemetry: exporters retrying into the void make the orchestrator's stop
        // command of a project fail (../shared/notes/aspire-on-this-machine.md).
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        }

        // One client-credentials token for the whole run: the identity provider's database is faulted with the rest.
        var tokenLifetime = TimeSpan.FromTicks(Math.Min((settings.Duration + TimeSpan.FromHours(1)).Ticks, TimeSpan.FromDays(1).Ticks));
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "identity"))
            .WithEnvironment("Identity__AccessTokenLifetime", tokenLifetime.ToString("c", CultureInfo.InvariantCulture));

        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        foreach (var resource in new[] { "identity", "postgres", "messaging", "mail", EnrollmentApi, "notification-service" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        var api = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = app.GetEndpoint(EnrollmentApi, "http"),
            // Longer than the API's own database retries, so most requests get the server's answer; one that does not
            // is reconciled against the database.
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestVersion = HttpVersion.Version11,
        };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await RegistrarTokenAsync(app, timeout.Token));
        var resources = await ResourceControl.ForAsync(app, FaultPlan.Resources, timeout.Token);
        return new SoakTopology(app, api, resources, logFile)
        {
            EnrollmentDb = (await app.GetConnectionStringAsync("enrollmentdb", timeout.Token))!,
            NotificationDb = (await app.GetConnectionStringAsync("notificationdb", timeout.Token))!,
            Inbox = app.GetEndpoint("mail", "http"),
            Broker = await BrokerManagement.ForAsync(app, timeout.Token),
        };
    }

    /// <summary>Client credentials of the operations client, whose secret is the AppHost's parameter of that name.</summary>
    private static async Task<string> RegistrarTokenAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var secret = await app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(p => p.Name == "operations-client-secret").GetValueAsync(cancellationToken);
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

    /// <summary>
    /// Ctrl+C or SIGTERM stops the topology and ends the process (exit code 130): the run's own waits would otherwise
    /// go on, and the servers it started would go down only with the process.
    /// </summary>
    public IDisposable StopOnSignal()
    {
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            Console.Error.WriteLine($"soak: {context.Signal}; stopping the topology");
            _ = Task.Run(async () =>
            {
                await DisposeAsync();
                Environment.Exit(130);
            });
        }

        var registrations = new[] { PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop) };
        return new Registrations(registrations);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Api.Dispose();
        Broker.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }

    private sealed class Registrations(PosixSignalRegistration[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}
