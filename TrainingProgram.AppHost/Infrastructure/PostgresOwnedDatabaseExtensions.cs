using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TrainingProgram.AppHost.LocalServers;

namespace Aspire.Hosting;

/// <summary>
/// Databases that their own roles own, on the PostgreSQL server of either mode: the one code path that creates the
/// role and the database, and checks the database's health as that role.
/// </summary>
public static partial class PostgresOwnedDatabaseExtensions
{
    /// <summary>What a service's role may do: log in. It is no superuser and cannot create roles or databases.</summary>
    private const string RoleAttributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";

    /// <summary>
    /// Adds <paramref name="name"/> as a child of <paramref name="server"/>, reached at <paramref name="host"/> and
    /// <paramref name="port"/>. Each time the server becomes ready (at start and after every restart) the role and
    /// the database are made to exist as they should; the health check connects as the owner role.
    /// </summary>
    internal static IResourceBuilder<PostgresOwnedDatabaseResource> AddOwnedDatabase<TServer>(
        this IResourceBuilder<TServer> server, string name, ReferenceExpression host, ReferenceExpression port,
        IResourceBuilder<ParameterResource> ownerPassword)
        where TServer : IResourceWithConnectionString
    {
        var database = new PostgresOwnedDatabaseResource(name, server.Resource, host, port, ownerPassword.Resource);
        var healthCheckKey = $"{name}_check";

        // Until the role exists every login attempt would fail and be logged by the server as FATAL: the health
        // check does not connect before the first creation has finished.
        var created = new TaskCompletionSource();
        server.ApplicationBuilder.Services.AddHealthChecks().Add(ReadinessHealthCheck.Register(healthCheckKey, ct => created.Task.IsCompleted
            ? PingAsync(database, ct)
            : throw new InvalidOperationException($"Role {database.OwnerRole} and database {name} are created once {server.Resource.Name} is ready.")));
        server.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (ready, ct) =>
        {
            var logger = ready.Services.GetRequiredService<ResourceLoggerService>().GetLogger(database);
            try
            {
                await EnsureRoleAndDatabaseAsync(server.Resource, database, ct);
                created.TrySetResult();
                LogOwned(logger, database.OwnerRole, database.DatabaseName);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                LogFailed(logger, ex, database.OwnerRole, database.DatabaseName);
                throw;
            }
        });

        return server.ApplicationBuilder.AddResource(database)
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Database");
    }

    private static async Task PingAsync(PostgresOwnedDatabaseResource database, CancellationToken cancellationToken)
    {
        var connectionString = await database.ConnectionStringExpression.GetValueAsync(cancellationToken);
        await using var connection = new NpgsqlConnection($"{connectionString};Pooling=false;Timeout=3");
        await connection.OpenAsync(cancellationToken);
        await using var ping = new NpgsqlCommand("SELECT 1", connection);
        await ping.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>
    /// Idempotent, as the server's superuser: the role exists with its attributes and the current password, the
    /// database exists and the role owns it, and PUBLIC (every role) has no privilege on it, CONNECT included. The
    /// owner keeps its own privileges (the database's ACL reads <c>NAME_owner=CTc/NAME_owner</c>), so no GRANT is
    /// needed. A database that exists with another owner (say, on a data volume from before) is handed to the role.
    /// </summary>
    private static async Task EnsureRoleAndDatabaseAsync(
        IResourceWithConnectionString server, PostgresOwnedDatabaseResource database, CancellationToken cancellationToken)
    {
        var serverConnectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
        var password = await database.OwnerPasswordParameter.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The parameter {database.OwnerPasswordParameter.Name} has no value.");
        await using var connection = new NpgsqlConnection($"{serverConnectionString};Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);

        var quote = new NpgsqlCommandBuilder();
        var role = quote.QuoteIdentifier(database.OwnerRole);
        var name = quote.QuoteIdentifier(database.DatabaseName);

        var roleExists = await ExistsAsync(connection, "SELECT 1 FROM pg_roles WHERE rolname = $1", database.OwnerRole, cancellationToken);
        await ExecuteAsync(
            connection, $"{(roleExists ? "ALTER" : "CREATE")} ROLE {role} WITH {RoleAttributes} PASSWORD {Literal(password)}", cancellationToken);

        // CREATE DATABASE must be a statement of its own: PostgreSQL refuses it inside a multi-statement command.
        if (!await ExistsAsync(connection, "SELECT 1 FROM pg_database WHERE datname = $1", database.DatabaseName, cancellationToken))
        {
            await ExecuteAsync(connection, $"CREATE DATABASE {name} OWNER {role}", cancellationToken);
        }

        await ExecuteAsync(connection, $"ALTER DATABASE {name} OWNER TO {role}; REVOKE ALL ON DATABASE {name} FROM PUBLIC", cancellationToken);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string sql, string value, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = value } } };
        return await query.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A string constant for DDL, which takes no parameters. The escape-string form reads the same whatever the
    /// server's standard_conforming_strings says.
    /// </summary>
    private static string Literal(string value) =>
        "E'" + value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    [LoggerMessage(Level = LogLevel.Information, Message = "Role {Role} owns database {Database}; PUBLIC may not connect to it")]
    private static partial void LogOwned(ILogger logger, string role, string database);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create role {Role} and database {Database}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string role, string database);
}
