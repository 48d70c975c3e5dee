using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TrainingProgram.AppHost.LocalServers;

internal static class ParentStateExtensions
{
    /// <summary>
    /// Shows <paramref name="child"/> in the state of <paramref name="server"/> (running, stopped, ...): Aspire passes a
    /// parent's state on to its children only for containers, and a local server is an executable.
    /// </summary>
    public static void FollowStateOf(this IDistributedApplicationBuilder builder, IResource child, IResource server) =>
        builder.Eventing.Subscribe<InitializeResourceEvent>(child, (initialize, cancellationToken) =>
        {
            var applicationStopping = initialize.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = FollowAsync(child, server, initialize.Notifications, applicationStopping);
            return Task.CompletedTask;
        });

    private static async Task FollowAsync(IResource child, IResource server, ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken))
            {
                if (update.Resource == server)
                {
                    await notifications.PublishUpdateAsync(child, snapshot => snapshot with
                    {
                        State = update.Snapshot.State,
                        StartTimeStamp = update.Snapshot.StartTimeStamp,
                        StopTimeStamp = update.Snapshot.StopTimeStamp,
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
