using Aspire.Hosting.ApplicationModel;
using TrainingProgram.AppHost.Operations;

namespace Aspire.Hosting;

/// <summary>The dashboard's commands on the Notification Service's dead letters (docs/operations.md).</summary>
public static class DeadLetterCommands
{
    public const string Replay = "replay-dead-letters";
    public const string Discard = "discard-dead-letters";

    /// <summary>
    /// "Replay dead letters" and "Discard dead letters" on <paramref name="service"/>: each calls the service's own
    /// endpoint (POST /dead-letters/replay, DELETE /dead-letters) as the operations client, and says how many it took.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDeadLetterCommands(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> identity)
    {
        var secret = service.ApplicationBuilder.Resources.OfType<ParameterResource>()
            .Single(parameter => parameter.Name == IdentityBuilderExtensions.OperationsClientSecret);
        var operations = new OperationsClient(service.GetEndpoint("http"), identity.GetEndpoint("http"), secret);

        return service
            .WithCommand(Replay, "Replay dead letters",
                context => RunAsync(() => operations.SendAsync(HttpMethod.Post, "/dead-letters/replay", context.CancellationToken), "Replayed"),
                new CommandOptions
                {
                    Description = "Sends every message the service gave up on back to its queue, with a fresh attempt budget. An email already sent is not sent again.",
                    IconName = "ArrowRepeatAll",
                    UpdateState = WhileRunning,
                })
            .WithCommand(Discard, "Discard dead letters",
                context => RunAsync(() => operations.SendAsync(HttpMethod.Delete, "/dead-letters", context.CancellationToken), "Discarded"),
                new CommandOptions
                {
                    Description = "Deletes every message the service gave up on: their emails will not be sent.",
                    ConfirmationMessage = "Discard every dead letter? Their emails will never be sent.",
                    IconName = "Delete",
                    UpdateState = WhileRunning,
                });
    }

    private static async Task<ExecuteCommandResult> RunAsync(Func<Task<int>> call, string verb)
    {
        try
        {
            var count = await call();
            return CommandResults.Success($"{verb} {count} dead letter(s).");
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            return CommandResults.Failure(ex.Message);
        }
    }

    private static ResourceCommandState WhileRunning(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.HealthStatus is Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
            ? ResourceCommandState.Enabled
            : ResourceCommandState.Disabled;
}
