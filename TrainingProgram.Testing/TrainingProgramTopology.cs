using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrainingProgram.Testing.Catalogue;
using TrainingProgram.Testing.Mail;
using TrainingProgram.Testing.Messaging;
using TrainingProgram.Testing.Notifications;
using TrainingProgram.Testing.SignIn;
using Xunit;

namespace TrainingProgram.Testing;

/// <summary>
/// The whole TrainingProgram topology, started once by the real AppHost through DistributedApplicationTestingBuilder
/// and shared: an xunit v3 fixture for an assembly (<c>[assembly: AssemblyFixture(typeof(TrainingProgramTopology))]</c>),
/// a collection or a class. Every wait it makes is bounded by <see cref="Timeouts"/>. The test project must reference
/// the TrainingProgram.AppHost project. The infrastructure mode is the AppHost's own choice (containers when a
/// container runtime answers, else local processes) unless the environment variable <c>Infrastructure__Mode</c> or
/// <see cref="AppHostArguments"/> say otherwise.
/// </summary>
/// <remarks>
/// Tests on one topology stay apart by their data: each makes its own students (<see cref="CreateStudentAsync"/>),
/// courses and addresses. A test that stops, breaks or reconfigures a resource needs a topology of its own: derive
/// from this class (override <see cref="AppHostArguments"/> or <see cref="Configure"/>) and use it as a separate fixture.
/// </remarks>
public class TrainingProgramTopology : IAsyncLifetime
{
    private const string AppHostAssemblyName = "TrainingProgram.AppHost";
    private static readonly ConcurrentDictionary<TrainingProgramTopology, byte> Started = new();
    private static readonly Lazy<SemaphoreSlim> StartGate = new(() => new SemaphoreSlim(ConcurrentStarts, ConcurrentStarts));

    private DistributedApplication? _app;
    private IdentityProvider? _identity;
    private RenewingToken? _registrarToken;
    private DevInbox? _inbox;
    private ResourceLogs? _logs;

    /// <summary>
    /// How many topologies of this test process start at the same time (default 2). A start is bound by CPU (servers,
    /// migrations, JIT): on a small machine, several fixtures starting at once all take minutes; queued, each takes
    /// seconds. Set it before the first topology starts.
    /// </summary>
    public static int ConcurrentStarts { get; set; } = 2;

    /// <summary>The started app: its resources, endpoints, commands and notifications.</summary>
    public DistributedApplication App => _app ?? throw NotStarted();

    /// <summary>The deadlines of every wait; override to lengthen or shorten them.</summary>
    public virtual TopologyTimeouts Timeouts => TopologyTimeouts.Default;

    /// <summary>Every resource's log lines: the last ones in memory, all of them in a file.</summary>
    public ResourceLogs Logs => _logs ?? throw NotStarted();

    /// <summary>The identity provider: tokens, sign-in, accounts.</summary>
    public IdentityProvider Identity => _identity ?? throw NotStarted();

    /// <summary>The development inbox (smtp4dev).</summary>
    public DevInbox Inbox => _inbox ?? throw NotStarted();

    /// <summary>The Notification Service's records of what it sent.</summary>
    public NotificationRecords Notifications => new(() => CreateRegistrarClient(ResourceNames.NotificationService), Timeouts, DescribeLogs);

    /// <summary>The broker's queues.</summary>
    public BrokerQueues Queues => new(ct => RequiredConnectionStringAsync(ResourceNames.Messaging, ct), Timeouts, DescribeLogs);

    /// <summary>The Enrollment API's outbox.</summary>
    public EnrollmentOutbox Outbox => new(ct => RequiredConnectionStringAsync(ResourceNames.EnrollmentDb, ct), Timeouts, DescribeLogs);

    /// <summary>The topologies started and not yet disposed (for failure reports).</summary>
    internal static IEnumerable<TrainingProgramTopology> Running => Started.Keys;

    private const string DataVolumePrefixKey = "Infrastructure:Containers:VolumePrefix";

    private readonly string _volumePrefix = $"tp-test-{Guid.NewGuid():N}"[..20] + "-";

    /// <summary>Arguments for the AppHost, e.g. <c>--Replicas:enrollment-api=2</c> or <c>--Infrastructure:Mode=local</c>.</summary>
    protected virtual IEnumerable<string> AppHostArguments => [];

    /// <summary>The resources waited for until healthy at start.</summary>
    protected virtual IEnumerable<string> ResourcesToWaitFor => ResourceNames.All;

    /// <summary>A type of the AppHost's assembly; by default found by name among the test's references.</summary>
    protected virtual Type AppHostEntryPoint
    {
        get
        {
            try
            {
                return Assembly.Load(AppHostAssemblyName).EntryPoint?.DeclaringType
                    ?? throw new InvalidOperationException($"{AppHostAssemblyName} has no entry point.");
            }
            catch (FileNotFoundException ex)
            {
                throw new InvalidOperationException(
                    $"{AppHostAssemblyName} is not among this test project's references: add a ProjectReference to TrainingProgram.AppHost.csproj.", ex);
            }
        }
    }

    /// <summary>Changes to the app model before it is built, e.g. a service's environment.</summary>
    protected virtual void Configure(IDistributedApplicationTestingBuilder builder)
    {
    }

    /// <summary>Builds and starts the topology and waits until every resource is healthy, within <see cref="TopologyTimeouts.Start"/>.</summary>
    /// <exception cref="TimeoutException">Not healthy in time: the message says which resource is stuck and what it last logged.</exception>
    public async ValueTask InitializeAsync()
    {
        using (var queued = CancellationTokenSource.CreateLinkedTokenSource(TestCancellation.Current))
        {
            queued.CancelAfter(Timeouts.Start);
            try
            {
                await StartGate.Value.WaitAsync(queued.Token);
            }
            catch (OperationCanceledException ex) when (!TestCancellation.Current.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"{GetType().Name} waited {Timeouts.Start.TotalSeconds:0} s for its turn to start: {ConcurrentStarts} other topologies " +
                    $"of this run were starting all that time (TrainingProgramTopology.ConcurrentStarts). One of them may be stuck; its own failure says where.", ex);
            }
        }

        try
        {
            await StartAsync();
        }
        finally
        {
            StartGate.Value.Release();
        }
    }

    private async Task StartAsync()
    {
        var timeouts = Timeouts;
        using var timeout = new CancellationTokenSource(timeouts.Start);
        // In the containers mode the servers keep their data in named volumes: this topology's own, removed at the end.
        var builder = await DistributedApplicationTestingBuilder
            .CreateAsync(AppHostEntryPoint, [$"--{DataVolumePrefixKey}={_volumePrefix}", .. AppHostArguments], timeout.Token)
            .WaitAsync(timeouts.Build, timeout.Token);

        Configure(builder);
        _logs = new ResourceLogs(Path.Combine(AppContext.BaseDirectory, "TestResults", "logs",
            $"{GetType().Name}-{DateTime.UtcNow.ToString("HHmmss-fff", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}.log"));
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning)
            .AddProvider(_logs));

        _app = await builder.BuildAsync(timeout.Token).WaitAsync(timeouts.Build, timeout.Token);
        var resources = ResourcesToWaitFor.ToArray();
        try
        {
            await _app.StartAsync(timeout.Token).WaitAsync(timeouts.Start, timeout.Token);
            await Task.WhenAll(resources.Select(name => _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException && timeout.IsCancellationRequested)
        {
            throw new TimeoutException(StartupReport.Describe(_app, resources, _logs, timeouts.Start), ex);
        }

        _identity = await IdentityProvider.ForAsync(_app, timeouts.Outcome);
        _registrarToken = new RenewingToken(_ => _identity.RequestClientCredentialsAsync());
        _inbox = new DevInbox(_app.GetEndpoint(ResourceNames.Mail, "http"), timeouts, DescribeLogs);
        Started.TryAdd(this, 0);
    }

    /// <summary>A client for the resource's http endpoint that acts as a registrar (client credentials, renewed as it ages).</summary>
    public HttpClient CreateRegistrarClient(string resourceName) => CreateClient(resourceName, Registrar().GetAsync);

    /// <summary>A client that sends <paramref name="accessToken"/> with every request.</summary>
    public HttpClient CreateClient(string resourceName, string accessToken) =>
        CreateClient(resourceName, _ => Task.FromResult(accessToken));

    /// <summary>A client without a token.</summary>
    public HttpClient CreateAnonymousClient(string resourceName) =>
        new() { BaseAddress = App.GetEndpoint(resourceName, "http"), Timeout = Timeouts.Outcome };

    /// <summary>
    /// Signs <paramref name="student"/> in through the real login page (code + PKCE) and returns a client for the
    /// resource that sends the student's token, refreshed with the refresh token as it ages.
    /// </summary>
    public Task<HttpClient> SignInAsync(TestStudent student, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(student);
        return SignInAsync(student.StudentNumber, student.Password, resourceName);
    }

    /// <summary>The same for any account, e.g. a seeded student (S1001 with <see cref="IdentityProvider.StudentPassword"/>).</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password, string resourceName)
    {
        var token = new RenewingToken(async current => current?.RefreshToken is { } refresh
            ? await Identity.RefreshAsync(refresh)
            : await Identity.SignInAsync(userName, password));
        await token.GetAsync(TestCancellation.Current); // signs in now, so that a wrong password fails here
        return CreateClient(resourceName, token.GetAsync);
    }

    /// <summary>
    /// A student record in the Enrollment API and its sign-in account, created as a registrar, with a unique number
    /// and address (unless given) and a generated password.
    /// </summary>
    public async Task<TestStudent> CreateStudentAsync(string? studentNumber = null, string? fullName = null, string? email = null, string? password = null)
    {
        using var api = CreateRegistrarClient(ResourceNames.EnrollmentApi);
        return await Catalogue.Registrar.CreateStudentAsync(api, Identity, studentNumber, fullName, email, password);
    }

    /// <summary>A course with a unique code, created as a registrar; open for enrollment unless a window is given.</summary>
    public async Task<TestCourse> CreateCourseAsync(int capacity = 10, int waitlistCapacity = 0, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null)
    {
        using var api = CreateRegistrarClient(ResourceNames.EnrollmentApi);
        return await Catalogue.Registrar.CreateCourseAsync(api, capacity, waitlistCapacity, opensAt, closesAt);
    }

    /// <summary>The connection string the AppHost gives its services for <paramref name="resourceName"/>.</summary>
    public async Task<string?> GetConnectionStringAsync(string resourceName) =>
        await App.GetConnectionStringAsync(resourceName, TestCancellation.Current);

    /// <summary>Stops a resource with the dashboard's command and waits until it has stopped.</summary>
    public Task StopResourceAsync(string resourceName) =>
        RunCommandAsync(resourceName, KnownResourceCommands.StopCommand, "stop",
            token => App.ResourceNotifications.WaitForResourceAsync(resourceName, KnownResourceStates.TerminalStates, token));

    /// <summary>Starts a resource with the dashboard's command and waits until it is healthy.</summary>
    public Task StartResourceAsync(string resourceName) =>
        RunCommandAsync(resourceName, KnownResourceCommands.StartCommand, "start",
            // Right after the command the resource may still show the state its stop left (seen in CI: "failed to
            // start" from an Exited snapshot before the new process began): wait through that, within the deadline.
            token => App.ResourceNotifications.WaitForResourceHealthyAsync(resourceName, WaitBehavior.WaitOnResourceUnavailable, token));

    /// <summary>
    /// Starts whatever an earlier (failed) test left stopped and waits until every resource is healthy, so that one
    /// failure among tests that stop resources does not fail the tests after it.
    /// </summary>
    public async Task RestoreAllAsync()
    {
        var resources = ResourcesToWaitFor.ToArray();
        foreach (var name in resources)
        {
            if (App.ResourceNotifications.TryGetCurrentState(name, out var current)
                && current.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state))
            {
                await StartResourceAsync(name);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestCancellation.Current);
        timeout.CancelAfter(Timeouts.ResourceState);
        await Task.WhenAll(resources.Select(name => App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
    }

    /// <summary>Stops the topology (within <see cref="TopologyTimeouts.Stop"/>), removes its data volumes, and releases what the kit holds.</summary>
    public virtual async ValueTask DisposeAsync()
    {
        Started.TryRemove(this, out _);
        _inbox?.Dispose();
        _identity?.Dispose();
        _registrarToken?.Dispose();
        if (_app is not null)
        {
            var volumes = DataVolumes.Of(_app, _volumePrefix);
            using var timeout = new CancellationTokenSource(Timeouts.Stop);
            try
            {
                await _app.StopAsync(timeout.Token).WaitAsync(Timeouts.Stop);
            }
            finally
            {
                // Bounded too: a disposal that hangs (the orchestrator gone) must fail the run, not hold it.
                await _app.DisposeAsync().AsTask().WaitAsync(Timeouts.Stop);
                await DataVolumes.RemoveAsync(volumes, Timeouts.Stop);
            }
        }

        _logs?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task RunCommandAsync(string resourceName, string command, string verb, Func<CancellationToken, Task> reached)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestCancellation.Current);
        timeout.CancelAfter(Timeouts.ResourceState);
        var result = await App.ResourceCommands.ExecuteCommandAsync(resourceName, command, timeout.Token);
        if (!result.Success)
        {
            throw new TopologyExpectationException($"{verb} {resourceName}: {result.Message}");
        }

        await reached(timeout.Token);
    }

    private RenewingToken Registrar() => _registrarToken ?? throw NotStarted();

    private HttpClient CreateClient(string resourceName, Func<CancellationToken, Task<string>> accessToken) =>
        new(new BearerTokenHandler(accessToken)) { BaseAddress = App.GetEndpoint(resourceName, "http"), Timeout = Timeouts.Outcome };

    private async Task<string> RequiredConnectionStringAsync(string resourceName, CancellationToken cancellationToken) =>
        await App.GetConnectionStringAsync(resourceName, cancellationToken)
            ?? throw new InvalidOperationException($"{resourceName} has no connection string.");

    private string DescribeLogs() => _logs?.Describe() ?? "";

    private static InvalidOperationException NotStarted() => new("The topology has not started: use it as an xunit fixture, or await InitializeAsync() first.");
}
