using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrainingProgram.Tests.Identity;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// The whole topology, started by the real AppHost through DistributedApplicationTestingBuilder, in the mode
/// named by TEST_INFRASTRUCTURE_MODE (default local). Resource logs go to TestResults/logs/NAME.log.
/// </summary>
public class TrainingProgramApp : IAsyncLifetime
{
    public const string Postgres = "postgres";
    public const string EnrollmentDb = "enrollmentdb";
    public const string NotificationDb = "notificationdb";
    public const string Messaging = "messaging";
    public const string Mail = "mail";
    public const string EnrollmentApi = "enrollment-api";
    public const string NotificationService = "notification-service";
    public const string IdentityDb = "identitydb";
    public const string Identity = "identity";

    public static readonly string[] AllResources = [Postgres, EnrollmentDb, NotificationDb, IdentityDb, Messaging, Mail, Identity, EnrollmentApi, NotificationService];

    public static string InfrastructureMode => Environment.GetEnvironmentVariable("TEST_INFRASTRUCTURE_MODE") is { Length: > 0 } mode ? mode : "local";

    private readonly SemaphoreSlim _registrarTokenGate = new(1, 1);
    private DistributedApplication? _app;
    private MailInbox? _inbox;
    private IdentityTokens? _tokens;
    private (string Token, DateTimeOffset RenewAt, DateTimeOffset ExpiresAt)? _registrarToken;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    public string LogFile { get; private set; } = "";

    /// <summary>Extra AppHost arguments, e.g. replica counts.</summary>
    protected virtual IEnumerable<string> AppHostArguments => [];

    /// <summary>Changes to the app model before it is built, e.g. where the services export telemetry.</summary>
    protected virtual void Configure(IDistributedApplicationTestingBuilder builder)
    {
    }

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Start);
        var builder = await DistributedApplicationTestingBuilder
            .CreateAsync<Projects.TrainingProgram_AppHost>(
                [$"--Infrastructure:Mode={InfrastructureMode}", .. AppHostArguments],
                timeout.Token)
            .WaitAsync(TestTimeouts.Build, timeout.Token);

        Configure(builder);
        LogFile = TestLogFile.For(GetType().Name);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning)
            .AddProvider(new FileLoggerProvider(LogFile)));

        _app = await builder.BuildAsync(timeout.Token).WaitAsync(TestTimeouts.Build, timeout.Token);
        try
        {
            await _app.StartAsync(timeout.Token).WaitAsync(TestTimeouts.Start, timeout.Token);
            await Task.WhenAll(AllResources.Select(name =>
                _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException && timeout.IsCancellationRequested)
        {
            throw new TimeoutException(StartupReport.Describe(_app, AllResources, LogFile, TestTimeouts.Start), ex);
        }

        _tokens = await IdentityTokens.ForAsync(_app);
    }

    /// <summary>Tokens from the topology's identity provider, obtained the documented way (docs/identity.md).</summary>
    public IdentityTokens Tokens => _tokens ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>A client for the resource's http endpoint that acts as a registrar (client credentials).</summary>
    public HttpClient CreateHttpClient(string resourceName) => CreateHttpClient(resourceName, RegistrarTokenAsync);

    /// <summary>A client that sends <paramref name="accessToken"/>, e.g. a student's.</summary>
    public HttpClient CreateHttpClient(string resourceName, string accessToken) =>
        CreateHttpClient(resourceName, _ => Task.FromResult(accessToken));

    /// <summary>A client without a token.</summary>
    public HttpClient CreateAnonymousHttpClient(string resourceName) =>
        new() { BaseAddress = App.GetEndpoint(resourceName, "http"), Timeout = TestTimeouts.Outcome };

    private HttpClient CreateHttpClient(string resourceName, Func<CancellationToken, Task<string>> accessToken) =>
        new(new BearerTokenHandler(accessToken)) { BaseAddress = App.GetEndpoint(resourceName, "http"), Timeout = TestTimeouts.Outcome };

    private async Task<string> RegistrarTokenAsync(CancellationToken cancellationToken)
    {
        await _registrarTokenGate.WaitAsync(cancellationToken);
        try
        {
            // Renewed halfway through its lifetime (15 minutes by default; seconds where a topology shortens it). While
            // the identity provider cannot issue one (a test stopped postgres), the current token serves until it expires.
            if (_registrarToken is not { } cached || DateTimeOffset.UtcNow >= cached.RenewAt)
            {
                try
                {
                    var fresh = await Tokens.RequestClientCredentialsAsync();
                    _registrarToken = cached = (fresh.AccessToken, DateTimeOffset.UtcNow.AddSeconds(fresh.ExpiresIn / 2.0), DateTimeOffset.UtcNow.AddSeconds(fresh.ExpiresIn));
                }
                catch (Exception) when (_registrarToken is { } current && DateTimeOffset.UtcNow < current.ExpiresAt.AddSeconds(-5))
                {
                    cached = current;
                }
            }

            return cached.Token;
        }
        finally
        {
            _registrarTokenGate.Release();
        }
    }

    public Task<string?> GetConnectionStringAsync(string resourceName) =>
        App.GetConnectionStringAsync(resourceName, TestContext.Current.CancellationToken).AsTask();

    public Uri MailInboxAddress => App.GetEndpoint(Mail, "http");

    /// <summary>The dev SMTP server's inbox; smtp4dev keeps mail in memory, so a restarted `mail` starts empty.</summary>
    public MailInbox Inbox => _inbox ??= new MailInbox(MailInboxAddress);

    public async Task StopResourceAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.ResourceState);
        var result = await App.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand, timeout.Token);
        Assert.True(result.Success, $"stop {name}: {result.Message}");
        await App.ResourceNotifications.WaitForResourceAsync(name, KnownResourceStates.TerminalStates, timeout.Token);
    }

    /// <summary>
    /// Starts whatever an earlier (failed) test left stopped and waits until every resource is healthy, so that one
    /// failure in a class of fault tests does not fail the tests after it.
    /// </summary>
    public async Task RestoreAllAsync()
    {
        foreach (var name in AllResources)
        {
            if (App.ResourceNotifications.TryGetCurrentState(name, out var current)
                && current.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state))
            {
                await StartResourceAsync(name);
            }
        }

        using var timeout = new CancellationTokenSource(TestTimeouts.ResourceState);
        await Task.WhenAll(AllResources.Select(name => App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
    }

    public async Task StartResourceAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.ResourceState);
        var result = await App.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand, timeout.Token);
        Assert.True(result.Success, $"start {name}: {result.Message}");
        await App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
    }

    public virtual async ValueTask DisposeAsync()
    {
        _inbox?.Dispose();
        _tokens?.Dispose();
        _registrarTokenGate.Dispose();
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.Stop);
            await _app.StopAsync(timeout.Token).WaitAsync(TestTimeouts.Stop);
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
