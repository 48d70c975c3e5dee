using System.Net;
using Npgsql;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Security;

/// <summary>
/// /health needs no token, so anyone can flood it. Each run of the checks is a query on the service's database (and a
/// channel on the broker): run per request, a flood became the same flood on the servers behind the service, through
/// the pool its real requests need. One run now answers every request for a couple of seconds. On the isolated
/// topology, where no other test's work runs in the databases meanwhile.
/// </summary>
[Collection(IsolatedTopology.Name)]
public sealed class HealthFloodTests(IsolatedApp app) : IAsyncLifetime
{
    private const int Requests = 1000;

    // Room for the few runs the flood spans and the services' own background work (the outbox relay's polls, purges);
    // a query per request, as before, is four times as many.
    private const int TransactionsAllowed = Requests / 4;

    // PostgreSQL reports an idle connection's transactions up to 10 s late.
    private static readonly TimeSpan StatisticsDelay = TimeSpan.FromSeconds(11);

    private static readonly (string Service, string Database)[] Services =
    [
        (ResourceNames.EnrollmentApi, ResourceNames.EnrollmentDb),
        (ResourceNames.Identity, ResourceNames.IdentityDb),
        (ResourceNames.NotificationService, ResourceNames.NotificationDb),
    ];

    // The server's own database: the statistics are read from outside the databases they count.
    private NpgsqlDataSource _server = null!;

    public async ValueTask InitializeAsync() => _server = NpgsqlDataSource.Create(await app.GetConnectionStringAsync(ResourceNames.Postgres)
        ?? throw new InvalidOperationException("postgres has no connection string"));

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_flood_of_anonymous_health_requests_is_answered_healthy_without_a_database_query_each()
    {
        var before = await TransactionsAsync();

        await Task.WhenAll(Services.Select(target => FloodAsync(target.Service)));

        await Eventually.Throughout(async _ => new PerDatabase([.. (await TransactionsAsync()).Zip(before, (now, then) => now - then)]),
            run => run.Counts.All(transactions => transactions < TransactionsAllowed),
            $"fewer than {TransactionsAllowed} transactions in each of {string.Join(", ", Services.Select(s => s.Database))} for {Requests} health requests to its service",
            StatisticsDelay);
    }

    /// <summary>Transactions ever run in each service's database, from the server's statistics.</summary>
    private async Task<long[]> TransactionsAsync()
    {
        await using var command = _server.CreateCommand("SELECT datname, xact_commit + xact_rollback FROM pg_stat_database WHERE datname = ANY($1)");
        command.Parameters.AddWithValue(Services.Select(target => target.Database).ToArray());
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return [.. Services.Select(target => counts[target.Database])];
    }

    private async Task FloodAsync(string service)
    {
        using var http = app.CreateAnonymousClient(service);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken };
        await Parallel.ForAsync(0, Requests, parallel, async (_, ct) =>
        {
            using var response = await http.GetAsync("/health", ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(ct));
        });
    }

    private sealed record PerDatabase(long[] Counts)
    {
        public override string ToString() => string.Join(", ", Counts);
    }
}
