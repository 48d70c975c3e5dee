using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrainingProgram.EnrollmentApi.RateLimiting;

namespace TrainingProgram.UnitTests.RateLimiting;

/// <summary>
/// The API's global limiter as <c>AddWriteRateLimits</c> configures it: a student's reads at once are bounded, so one
/// token cannot hold the database pool, and nobody else's reads wait on theirs. (How many may wait cannot be shown
/// with HTTP requests without timing them: these leases are held for as long as the test likes.)
/// </summary>
public sealed class ReadBudgetTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly PartitionedRateLimiter<HttpContext> _limiter;
    private readonly RateLimitOptions _options = new();

    public ReadBudgetTests()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([]);
        builder.AddWriteRateLimits();
        _services = builder.Services.BuildServiceProvider();
        _limiter = _services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;
    }

    [Fact]
    public async Task A_students_reads_beyond_those_in_flight_and_waiting_are_refused_while_others_read_on()
    {
        var ada = Request("GET", Student("ada"));
        var inFlight = Enumerable.Range(0, _options.ReadsInFlight).Select(_ => _limiter.AttemptAcquire(ada)).ToList();
        var waiting = Enumerable.Range(0, _options.ReadsInFlight * 4)
            .Select(_ => _limiter.AcquireAsync(ada, cancellationToken: TestContext.Current.CancellationToken).AsTask()).ToList();

        using var refused = await _limiter.AcquireAsync(ada, cancellationToken: TestContext.Current.CancellationToken);
        using var alan = _limiter.AttemptAcquire(Request("GET", Student("alan")));
        using var registrar = _limiter.AttemptAcquire(Request("GET", Registrar()));
        using var adaWrites = _limiter.AttemptAcquire(Request("POST", Student("ada")));

        Assert.All(inFlight, lease => Assert.True(lease.IsAcquired));
        Assert.All(waiting, wait => Assert.False(wait.IsCompleted));
        Assert.False(refused.IsAcquired);
        Assert.True(alan.IsAcquired && registrar.IsAcquired && adaWrites.IsAcquired);

        // A finished read lets the first waiting one in.
        inFlight[0].Dispose();
        using var first = await waiting[0].WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.True(first.IsAcquired);
        Assert.All(waiting.Skip(1), wait => Assert.False(wait.IsCompleted));
        foreach (var lease in inFlight.Skip(1))
        {
            lease.Dispose();
        }
    }

    [Fact]
    public void A_students_reads_beyond_the_rate_budget_are_refused_with_when_to_retry()
    {
        var ada = Request("GET", Student("ada"));
        for (var i = 0; i < _options.ReadsPerWindow; i++)
        {
            using var lease = _limiter.AttemptAcquire(ada);
            Assert.True(lease.IsAcquired);
        }

        using var refused = _limiter.AttemptAcquire(ada);
        using var registrar = _limiter.AttemptAcquire(Request("GET", Registrar()));

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero);
        Assert.True(registrar.IsAcquired);
    }

    private static DefaultHttpContext Request(string method, ClaimsPrincipal user) => new() { Request = { Method = method }, User = user };

    private static ClaimsPrincipal Student(string subject) =>
        new(new ClaimsIdentity([new Claim("sub", subject), new Claim(ClaimTypes.Role, "student")], "Bearer"));

    private static ClaimsPrincipal Registrar() =>
        new(new ClaimsIdentity([new Claim("sub", "trainingprogram-operations"), new Claim(ClaimTypes.Role, "registrar")], "Bearer"));

    public void Dispose()
    {
        _limiter.Dispose();
        _services.Dispose();
    }
}
