namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A database on the PostgreSQL server of either infrastructure mode, owned by a role of its own: the connection
/// string carries that role (<see cref="OwnerRole"/>, password parameter <c>NAME-password</c>), never the server's
/// superuser, so whoever references the database can open this database and no other, and cannot create roles or
/// databases. The role and the database are created when the server is ready (PostgresOwnedDatabaseExtensions).
/// </summary>
/// <remarks>
/// Aspire's own PostgresDatabaseResource cannot serve here: its connection string, and the connection properties
/// Aspire passes to every referencing resource (NAME_USERNAME, NAME_PASSWORD, ...), are the server's superuser's.
/// This resource adds no connection properties, so only the owner's connection string leaves the AppHost.
/// </remarks>
public sealed class PostgresOwnedDatabaseResource(
    string name, IResourceWithConnectionString server, ReferenceExpression host, ReferenceExpression port, ParameterResource ownerPassword)
    : Resource(name), IResourceWithParent<IResourceWithConnectionString>, IResourceWithConnectionString
{
    /// <summary>The database's name: the resource's name, so it is also the connection name the services read.</summary>
    public string DatabaseName => Name;

    /// <summary>The login role that owns the database, e.g. <c>enrollmentdb_owner</c>.</summary>
    public string OwnerRole => $"{Name}_owner";

    public ParameterResource OwnerPasswordParameter { get; } = ownerPassword;

    public IResourceWithConnectionString Parent { get; } = server;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={host};Port={port};Username={OwnerRole};Password={OwnerPasswordParameter};Database={DatabaseName}");
}
