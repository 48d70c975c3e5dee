using System.Runtime.CompilerServices;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using TrainingProgram.AppHost.Infrastructure;
using TrainingProgram.AppHost.LocalServers;

namespace Aspire.Hosting;

/// <summary>
/// PostgreSQL and RabbitMQ in either infrastructure mode, behind the same names, connection strings and
/// health checks, so that Program.cs and the services never ask which mode runs.
/// </summary>
public static class InfrastructureBuilderExtensions
{
    /// <summary>One data folder per AppHost run; tests build several apps in one process.</summary>
    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, RunDirectory> RunDirectories = new();

    public static InfrastructureMode ResolveInfrastructureMode(this IDistributedApplicationBuilder builder) =>
        InfrastructureModeResolver.Resolve(
            builder.Configuration[InfrastructureModeResolver.ConfigurationKey],
            () => ContainerRuntimeProbe.Probe(ContainerRuntimeProbe.RuntimeName(builder.Configuration)),
            LocalServerBinaries.Find);

    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresServer(
        this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode)
    {
        // A container's data outlives the run (DataVolumes), so its superuser's password must too: it is kept in the
        // AppHost's user secrets once generated. Local servers start empty every run.
        var password = builder.AddGeneratedPassword($"{name}-password", persist: mode == InfrastructureMode.Containers);
        return mode == InfrastructureMode.Local
            ? builder.AddLocalPostgres(name, password, LocalServerBinaries.Find().PostgresBinDirectory!, builder.LocalRunDirectory())
            : builder.AddPostgres(name, password: password)
                .WithDataVolume(DataVolumes.NameFor(builder.Configuration, name))
                .WithConfiguredImage(ContainerImageOverrides.PostgresImageKey);
    }

    /// <summary>
    /// A database owned by a role of its own, <c>NAME_owner</c>, whose password is the secret parameter
    /// <c>NAME-password</c>; the connection string (and so every service that references the database) uses that
    /// role, not the superuser. Only the owner may connect: PUBLIC has no privilege on the database.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddDatabase(
        this IResourceBuilder<IResourceWithConnectionString> server, string name)
    {
        var builder = server.ApplicationBuilder;
        return server.Resource switch
        {
            LocalPostgresServerResource local => builder.CreateResourceBuilder(local)
                .AddDatabase(name, builder.AddGeneratedPassword($"{name}-password")),
            PostgresServerResource container => builder.CreateResourceBuilder(container)
                .AddOwnedDatabase(name, ReferenceExpression.Create($"{container.Host}"), ReferenceExpression.Create($"{container.Port}"),
                    builder.AddGeneratedPassword($"{name}-password")),
            _ => throw new ArgumentException($"'{server.Resource.Name}' is not a PostgreSQL server.", nameof(server)),
        };
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddMessageBroker(
        this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode)
    {
        var userName = builder.AddParameter($"{name}-username", "trainingprogram");
        var password = builder.AddGeneratedPassword($"{name}-password", persist: mode == InfrastructureMode.Containers);
        // WithDataVolume also fixes the node name (rabbit@localhost): the node's data folder is named after it.
        return mode == InfrastructureMode.Local
            ? builder.AddLocalRabbitMQ(name, userName, password, LocalServerBinaries.Find().RabbitMQServer!, builder.LocalRunDirectory())
            : builder.AddRabbitMQ(name, userName, password).WithManagementPlugin()
                .WithDataVolume(DataVolumes.NameFor(builder.Configuration, name))
                .WithConfiguredImage(ContainerImageOverrides.RabbitMQImageKey);
    }

    /// <summary>
    /// A secret parameter: taken from configuration (Parameters:NAME, e.g. user secrets) when set, generated
    /// otherwise: for this run, or, with <paramref name="persist"/> (for what data that outlives the run was made
    /// with), once, and kept in the AppHost's user secrets.
    /// </summary>
    private static IResourceBuilder<ParameterResource> AddGeneratedPassword(this IDistributedApplicationBuilder builder, string name, bool persist = false) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true, persist: persist);

    private static RunDirectory LocalRunDirectory(this IDistributedApplicationBuilder builder) =>
        RunDirectories.GetValue(builder, _ => RunDirectory.Create());
}
