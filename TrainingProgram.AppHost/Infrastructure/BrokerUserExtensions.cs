using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using TrainingProgram.AppHost.LocalServers;

namespace Aspire.Hosting;

/// <summary>RabbitMQ users of their own for the services, on the broker of either mode, made through its management API.</summary>
public static partial class BrokerUserExtensions
{
    private static readonly TimeSpan ManagementPatience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Adds <paramref name="name"/>, the RabbitMQ user <paramref name="userName"/> with <paramref name="permissions"/>
    /// on the default virtual host, as a child of the broker. Each time the broker becomes ready (at start and after
    /// every restart) the user is made to exist with the current password and these permissions and no tags (so no
    /// management access); the health check logs in as the user.
    /// </summary>
    public static IResourceBuilder<BrokerUserResource> AddServiceUser(
        this IResourceBuilder<IResourceWithConnectionString> broker, string name, string userName, BrokerPermissions permissions)
    {
        var builder = broker.ApplicationBuilder;
        var (host, port, management, admin, adminPassword) = broker.Resource switch
        {
            LocalRabbitMQServerResource local => (
                ReferenceExpression.Create($"127.0.0.1"),
                ReferenceExpression.Create($"{local.PrimaryEndpoint.Property(EndpointProperty.Port)}"),
                local.GetEndpoint(LocalRabbitMQServerResource.ManagementEndpointName),
                local.UserNameParameter, local.PasswordParameter),
            RabbitMQServerResource container => (
                ReferenceExpression.Create($"{container.PrimaryEndpoint.Property(EndpointProperty.Host)}"),
                ReferenceExpression.Create($"{container.PrimaryEndpoint.Property(EndpointProperty.Port)}"),
                container.GetEndpoint("management"),
                container.UserNameParameter ?? throw new ArgumentException("The broker has no administrator user name.", nameof(broker)),
                container.PasswordParameter),
            _ => throw new ArgumentException($"'{broker.Resource.Name}' is not a RabbitMQ broker.", nameof(broker)),
        };

        var password = builder.AddParameter($"{name}-password", new GenerateParameterDefault { MinLength = 22, Special = false }, secret: true);
        var user = new BrokerUserResource(name, userName, broker.Resource, host, port, password.Resource, permissions);
        var healthCheckKey = $"{name}_check";
        var created = new TaskCompletionSource();
        builder.Services.AddHealthChecks().Add(ReadinessHealthCheck.Register(healthCheckKey, ct => created.Task.IsCompleted
            ? PingAsync(user, ct)
            : throw new InvalidOperationException($"User {userName} is created once {broker.Resource.Name} is ready.")));
        builder.Eventing.Subscribe<ResourceReadyEvent>(broker.Resource, async (ready, ct) =>
        {
            var logger = ready.Services.GetRequiredService<ResourceLoggerService>().GetLogger(user);
            try
            {
                await EnsureUserAsync(management.Url, await admin.GetValueAsync(ct), await adminPassword.GetValueAsync(ct), user, ct);
                created.TrySetResult();
                LogCreated(logger, userName, permissions.Configure, permissions.Write, permissions.Read);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                LogFailed(logger, ex, userName);
                throw;
            }
        });

        if (broker.Resource is LocalRabbitMQServerResource)
        {
            builder.FollowStateOf(user, broker.Resource);
        }

        return builder.AddResource(user)
            .WithHealthCheck(healthCheckKey)
            .WithIconName("PersonKey");
    }

    /// <summary>
    /// PUT /api/users/NAME and PUT /api/permissions/%2F/NAME, both idempotent. The management listener may come up
    /// a moment after the AMQP one the broker's health check uses: a refused connection is tried again for a while.
    /// </summary>
    private static async Task EnsureUserAsync(string managementUrl, string? admin, string? adminPassword, BrokerUserResource user, CancellationToken cancellationToken)
    {
        var password = await user.PasswordParameter.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The parameter {user.PasswordParameter.Name} has no value.");
        using var http = new HttpClient { BaseAddress = new Uri(managementUrl), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{admin}:{adminPassword}")));
        var name = Uri.EscapeDataString(user.UserName);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(ManagementPatience);
        while (true)
        {
            try
            {
                using var created = await http.PutAsJsonAsync($"/api/users/{name}", new { password, tags = "" }, patience.Token);
                created.EnsureSuccessStatusCode();
                using var permitted = await http.PutAsJsonAsync($"/api/permissions/%2F/{name}",
                    new { configure = user.Permissions.Configure, write = user.Permissions.Write, read = user.Permissions.Read }, patience.Token);
                permitted.EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException ex) when (ex.StatusCode is null && !patience.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), patience.Token);
            }
        }
    }

    private static async Task PingAsync(BrokerUserResource user, CancellationToken cancellationToken)
    {
        var uri = await user.ConnectionStringExpression.GetValueAsync(cancellationToken);
        var factory = new ConnectionFactory { Uri = new Uri(uri!), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
        await using var connection = await factory.CreateConnectionAsync("trainingprogram-apphost-health", cancellationToken);
        await connection.CloseAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {User} may configure {Configure}, write {Write}, read {Read}")]
    private static partial void LogCreated(ILogger logger, string user, string configure, string write, string read);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create broker user {User}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string user);
}
