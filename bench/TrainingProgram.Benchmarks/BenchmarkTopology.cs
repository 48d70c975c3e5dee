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

    private readonly MailSwitch _mail;

    private BenchmarkTopology(
        DistributedApplication app, HttpClient api, string enrollmentDb, string notificationDb, string messaging, string server,
        MailSwitch mail, Smtp4devInbox devInbox)
    {
        App = app;
        Api = api;
        EnrollmentDb = enrollmentDb;
        NotificationDb = notificationDb;
        Messaging = messaging;
        Server = server;
        _mail = mail;
        DevInbox = devInbox;
    }

    public DistributedApplication App { get; }

    /// <summary>No resilience handler: a retried POST would distort latencies and could enroll twice.</summary>
    public HttpClient Api { get; }

    public string EnrollmentDb { get; }

    public string NotificationDb { get; }

    public string Messaging { get; }

    /// <summary>The PostgreSQL server as its superuser, to read the server's statistics.</summary>
    public string Server { get; }

    /// <summary>The mail server notification-service sends to; see <see cref="UseMailServer"/>.</summary>
    public IMailServer Mail => _mail.Current;

    /// <summary>smtp4dev, the AppHost's development inbox: what developers run.</summary>
    public Smtp4devInbox DevInbox { get; }

    /// <summary>Sends notification-service's email to <paramref name="server"/> from its next start on.</summary>
    public void UseMailServer(IMailServer server) => _mail.Current = server;

    public static async Task<BenchmarkTopology> StartAsync(string[] appHostArguments)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TrainingProgram_AppHost>(
            ["--Infrastructure:Mode=local", .. appHostArguments], timeout.Token);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("TrainingProgram.AppHost.Resources", LogLevel.Warning));

        var mail = new MailSwitch(SmtpSink.Start());
        WolverinePeer.AddTo(builder, () => mail.Current);

        // No dashboard runs here to receive telemetry; exporting into the void would spend CPU on retries mid-measurement.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        }

        // The mail endpoint is configuration (the `mail` connection string), so the sink needs no code change: this
        // overrides the AppHost's reference to smtp4dev, read again at each start of the service.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "notification-service"))
            .WithEnvironment(context => context.EnvironmentVariables["ConnectionStrings__mail"] = $"Endpoint={mail.Current.Endpoint}");
        // pg_stat_statements counts the statements each enrollment costs (SqlStatements). Room for the peer's and the
        // floor's connection pools beside the topology's, which fill the default 100 at concurrency 32.
        builder.CreateResourceBuilder(builder.Resources.OfType<ExecutableResource>().Single(p => p.Name == "postgres"))
            .WithEnvironment("POSTGRES_SERVER_OPTIONS",
                "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c max_connections=400");

        // The load acts as the registrar with one client-credentials token (docs/identity.md); it must outlive the run.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "identity"))
            .WithEnvironment("Identity__AccessTokenLifetime", TimeSpan.FromHours(2).ToString());

        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        foreach (var resource in new[] { "identity", "enrollment-api", "notification-service", "mail" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        var api = ApiClient(app.GetEndpoint("enrollment-api", "http"), await RegistrarTokenAsync(app, timeout.Token));
        var enrollmentDb = (await app.GetConnectionStringAsync("enrollmentdb", timeout.Token))!;
        var devSmtp = (await app.GetConnectionStringAsync("mail", timeout.Token))!;
        return new BenchmarkTopology(
            app, api, enrollmentDb,
            (await app.GetConnectionStringAsync("notificationdb", timeout.Token))!,
            (await app.GetConnectionStringAsync("messaging", timeout.Token))!,
            (await app.GetConnectionStringAsync("postgres", timeout.Token))!,
            mail,
            new Smtp4devInbox(new Uri(devSmtp["Endpoint=".Length..]), app.GetEndpoint("mail", "http")));
    }

    private static HttpClient ApiClient(Uri address, string token) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = address,
        // Long enough that an overloaded open loop shows as latency and every request gets the server's answer, so
        // what it made is known; the server's own database and broker timeouts end a request well before this.
        Timeout = TimeSpan.FromMinutes(5),
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    /// <summary>The peer's database, on the same server.</summary>
    public string PeerDb => WolverinePeer.ConnectionString(Server);

    /// <summary>Creates the peer's database, starts the peer and returns a client for it, with the same token as <see cref="Api"/>.</summary>
    public async Task<HttpClient> StartPeerAsync()
    {
        await WolverinePeer.CreateDatabaseAsync(Server);
        await StartServiceAsync(WolverinePeer.Name);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(WolverinePeer.Name, timeout.Token);
        return ApiClient(App.GetEndpoint(WolverinePeer.Name, "http"), Api.DefaultRequestHeaders.Authorization!.Parameter!);
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
        DevInbox.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
        _mail.Sink.Dispose();
    }

    private sealed class MailSwitch(SmtpSink sink)
    {
        public SmtpSink Sink => sink;

        public IMailServer Current { get; set; } = sink;
    }
}
