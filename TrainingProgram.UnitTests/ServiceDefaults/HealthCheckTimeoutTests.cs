using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace TrainingProgram.UnitTests.ServiceDefaults;

/// <summary>
/// A dependency that accepts connections but never answers (a stopped container behind DCP's proxy) must make
/// /health answer Unhealthy, not hang past the AppHost's own 10 s health-check timeout.
/// </summary>
public sealed class HealthCheckTimeoutTests
{
    [Fact]
    public async Task A_check_that_never_completes_is_reported_unhealthy_after_the_shared_timeout()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddDefaultHealthChecks();
        // Registered after the defaults, as the client integrations (Npgsql, RabbitMQ) register theirs; and, like
        // Npgsql opening a connection, it ignores cancellation.
        var neverAnswers = new TaskCompletionSource<HealthCheckResult>();
        builder.Services.AddHealthChecks().AddAsyncCheck("database that never answers", _ => neverAnswers.Task);
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        var stuck = report.Entries["database that never answers"];
        Assert.Equal(HealthStatus.Unhealthy, stuck.Status);
        Assert.Equal($"No answer within {Extensions.HealthCheckTimeout.TotalSeconds:0} s.", stuck.Description);
        Assert.Equal(HealthStatus.Healthy, report.Entries["self"].Status);
    }
}
