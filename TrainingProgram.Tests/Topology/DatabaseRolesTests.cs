using Npgsql;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Topology;

/// <summary>
/// Least privilege in the database, against the real server: each service connects as a role of its own that owns
/// its own database and nothing else, is no superuser, and cannot open another service's database. The services
/// migrate their databases at start-up as these roles, so the topology becoming healthy already shows that each role
/// can create tables in its own database; the tables' owner says so again here.
/// </summary>
public sealed class DatabaseRolesTests(TrainingProgramApp topology) : IDisposable
{
    /// <summary>PostgreSQL's insufficient_privilege, e.g. "permission denied for database".</summary>
    private const string InsufficientPrivilege = "42501";

    private static readonly string[] ServiceDatabases = [ResourceNames.EnrollmentDb, ResourceNames.NotificationDb, ResourceNames.IdentityDb];

    private readonly CancellationTokenSource _deadline = Deadline();

    public static TheoryData<string> Databases => [.. ServiceDatabases];

    public static TheoryData<string, string> OtherServicesDatabases =>
    [
        .. from own in ServiceDatabases
           from other in ServiceDatabases
           where own != other
           select (own, other),
    ];

    private CancellationToken Token => _deadline.Token;

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_database_connection_string_names_the_database_owner_role_not_the_superuser(string database)
    {
        var connection = await ConnectionStringOfAsync(database);
        var superuser = await ServerConnectionStringAsync();

        Assert.Equal($"{database}_owner", connection.Username);
        Assert.NotEqual(superuser.Username, connection.Username);
        Assert.NotEqual(superuser.Password, connection.Password);
        Assert.Equal(database, connection.Database);

        await using var session = await OpenAsync(connection);
        Assert.Equal($"{database}_owner", await ScalarAsync<string>(session, "SELECT current_user"));
        Assert.Equal(database, await ScalarAsync<string>(session, "SELECT current_database()"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_service_role_is_no_superuser_and_cannot_create_roles_or_databases(string database)
    {
        var connection = await ConnectionStringOfAsync(database);
        await using (var server = await OpenAsync(await ServerConnectionStringAsync()))
        {
            await using var attributes = new NpgsqlCommand(
                "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = $1", server)
            {
                Parameters = { new() { Value = connection.Username! } },
            };
            await using var role = await attributes.ExecuteReaderAsync(Token);
            Assert.True(await role.ReadAsync(Token), $"role {connection.Username} does not exist");
            Assert.Equal(
                (false, false, false, false, false),
                (role.GetBoolean(0), role.GetBoolean(1), role.GetBoolean(2), role.GetBoolean(3), role.GetBoolean(4)));
        }

        await using var session = await OpenAsync(connection);
        var createRole = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(session, "CREATE ROLE database_roles_test_intruder"));
        var createDatabase = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(session, "CREATE DATABASE database_roles_test_intruder"));

        Assert.Equal(InsufficientPrivilege, createRole.SqlState);
        Assert.Equal(InsufficientPrivilege, createDatabase.SqlState);
    }

    [Theory]
    [MemberData(nameof(OtherServicesDatabases))]
    public async Task A_service_role_cannot_connect_to_another_services_database(string own, string other)
    {
        var connection = await ConnectionStringOfAsync(own);
        connection.Database = other;

        var refused = await Assert.ThrowsAsync<PostgresException>(async () => await OpenAsync(connection));

        Assert.Equal(InsufficientPrivilege, refused.SqlState);
        Assert.Equal($"permission denied for database \"{other}\"", refused.MessageText);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_service_role_owns_its_database_and_the_tables_its_migrations_made(string database)
    {
        await using var session = await OpenAsync(await ConnectionStringOfAsync(database));

        Assert.Equal(
            $"{database}_owner",
            await ScalarAsync<string>(session, "SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database()"));
        Assert.True(
            await ScalarAsync<long>(session, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") > 0,
            $"{database} has no tables: its service did not migrate it");
        Assert.Equal(
            0,
            await ScalarAsync<long>(session, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> current_user"));

        await using var transaction = await session.BeginTransactionAsync(Token);
        await ExecuteAsync(session, "CREATE TABLE database_roles_test_probe (id int PRIMARY KEY)");
        await transaction.RollbackAsync(Token);
    }

    [Theory]
    [InlineData(ResourceNames.EnrollmentApi)]
    [InlineData(ResourceNames.NotificationService)]
    [InlineData(ResourceNames.Identity)]
    public async Task No_service_is_given_the_superuser_password(string service)
    {
        var superuserPassword = (await ServerConnectionStringAsync()).Password!;

        Assert.True(topology.App.ResourceNotifications.TryGetCurrentState(service, out var current), $"{service} has no state");
        var environment = current.Snapshot.EnvironmentVariables;

        Assert.Contains(environment, variable => variable.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        Assert.DoesNotContain(environment, variable => variable.Value?.Contains(superuserPassword, StringComparison.Ordinal) == true);
    }

    public void Dispose() => _deadline.Dispose();

    private static CancellationTokenSource Deadline()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TestTimeouts.Outcome);
        return deadline;
    }

    private async Task<NpgsqlConnectionStringBuilder> ConnectionStringOfAsync(string resource) =>
        new(await topology.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string"))
        {
            Pooling = false,
        };

    private async Task<NpgsqlConnectionStringBuilder> ServerConnectionStringAsync()
    {
        var server = await ConnectionStringOfAsync(ResourceNames.Postgres);
        server.Database = "postgres";
        return server;
    }

    private async Task<NpgsqlConnection> OpenAsync(NpgsqlConnectionStringBuilder connectionString)
    {
        var connection = new NpgsqlConnection(connectionString.ConnectionString);
        try
        {
            await connection.OpenAsync(Token);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Token))!;
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }
}
