using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TrainingProgram.Soak;

/// <summary>One running instance of a resource: the resource itself, or one replica of it.</summary>
public sealed record Instance(string Resource, string Id)
{
    public override string ToString() => Id;
}

/// <summary>Stops and starts resource instances through the AppHost's own commands, as the dashboard's buttons do.</summary>
public sealed class ResourceControl(DistributedApplication app, IReadOnlyDictionary<string, IReadOnlyList<Instance>> instances)
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(90);
    /// <summary>Longer than the longest fault the plan makes (about 4.5 minutes): a start waits for what it waits for.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(7);
    private static readonly TimeSpan RetryStartAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Finds the instances DCP runs for each of <paramref name="resources"/>, from the states the app reports: a
    /// replica's id is the resource name plus a suffix DCP chose for this run, so it is known only once they run.
    /// </summary>
    public static async Task<ResourceControl> ForAsync(DistributedApplication app, IEnumerable<string> resources, CancellationToken cancellationToken)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var wanted = resources.ToDictionary(
            name => name,
            name => model.Resources.Single(r => r.Name == name).Annotations.OfType<ReplicaAnnotation>().SingleOrDefault()?.Replicas ?? 1);
        var found = wanted.Keys.ToDictionary(name => name, _ => new SortedSet<string>(StringComparer.Ordinal));
        await foreach (var e in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (found.TryGetValue(e.Resource.Name, out var ids) && e.Snapshot.State?.Text == KnownResourceStates.Running)
            {
                ids.Add(e.ResourceId);
                if (found.All(f => f.Value.Count >= wanted[f.Key]))
                {
                    break;
                }
            }
        }

        return new ResourceControl(app, found.ToDictionary(
            f => f.Key, f => (IReadOnlyList<Instance>)[.. f.Value.Select(id => new Instance(f.Key, id))]));
    }

    public IReadOnlyList<Instance> InstancesOf(string resource) => instances[resource];

    public async Task StopAsync(Instance instance)
    {
        using var timeout = new CancellationTokenSource(StopLimit);
        var result = await app.ResourceCommands.ExecuteCommandAsync(instance.Id, KnownResourceCommands.StopCommand, timeout.Token);
        if (!result.Success)
        {
            // An instance that never came back from a refused start is not running: nothing to stop.
            if (app.ResourceNotifications.TryGetCurrentState(instance.Id, out var current) && IsStopped(current.Snapshot))
            {
                return;
            }

            throw new InvalidOperationException($"stop {instance}: {result.Message}");
        }

        await app.ResourceNotifications.WaitForResourceAsync(instance.Resource,
            e => e.ResourceId == instance.Id && IsStopped(e.Snapshot), timeout.Token);
    }

    /// <summary>Whether the instance reaches a stopped state within <paramref name="limit"/>, e.g. after a stop command that timed out.</summary>
    public async Task<bool> WaitStoppedAsync(Instance instance, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await app.ResourceNotifications.WaitForResourceAsync(instance.Resource,
                e => e.ResourceId == instance.Id && IsStopped(e.Snapshot), timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Starts the instance and waits until it runs; true if it also turned healthy within <paramref name="healthyWithin"/>.
    /// A service refuses to start while a resource it waits for is down (a database whose server is stopped): the
    /// command is repeated, as an orchestrator restarts a crashed process, until the dependency is back.
    /// </summary>
    /// <returns>Whether it turned healthy in time; its health may hang on another resource that is down.</returns>
    public async Task<bool> StartAsync(Instance instance, TimeSpan healthyWithin, Action<string>? refused = null)
    {
        using (var timeout = new CancellationTokenSource(StartLimit))
        {
            try
            {
                // A start accepted while a resource it waits for is down ends FailedToStart once that resource stops
                // for good: it is started again, as a refused one is, until it runs.
                while (true)
                {
                    if (await app.ResourceCommands.ExecuteCommandAsync(instance.Id, KnownResourceCommands.StartCommand, timeout.Token) is { Success: false } result)
                    {
                        refused?.Invoke(result.Message ?? "refused");
                        await Task.Delay(RetryStartAfter, timeout.Token);
                        continue;
                    }

                    var outcome = await app.ResourceNotifications.WaitForResourceAsync(instance.Resource,
                        e => e.ResourceId == instance.Id && (e.Snapshot.State?.Text == KnownResourceStates.Running || e.Snapshot.State?.Text == KnownResourceStates.FailedToStart),
                        timeout.Token);
                    if (outcome.Snapshot.State?.Text == KnownResourceStates.Running)
                    {
                        break;
                    }

                    refused?.Invoke($"{instance} failed to start: a resource it waits for is down");
                    await Task.Delay(RetryStartAfter, timeout.Token);
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                // The start command itself waits for the resources this one waits for to be healthy.
                throw new InvalidOperationException($"{instance} was not running {StartLimit.TotalMinutes:0} min after its start: {Describe(instance)}");
            }
        }

        using var healthy = new CancellationTokenSource(healthyWithin);
        try
        {
            await WaitHealthyAsync(instance, healthy.Token);
            return true;
        }
        catch (OperationCanceledException) when (healthy.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Starts every instance of these resources that is stopped, then waits until all are healthy.</summary>
    public async Task<IReadOnlyList<Instance>> RestoreAsync(IEnumerable<string> resources)
    {
        var instances = resources.SelectMany(InstancesOf).ToList();
        var stopped = instances.Where(i => !app.ResourceNotifications.TryGetCurrentState(i.Id, out var current) || IsStopped(current.Snapshot)).ToList();
        await Task.WhenAll(stopped.Select(i => StartAsync(i, TimeSpan.Zero)));
        using var timeout = new CancellationTokenSource(StartLimit);
        try
        {
            await Task.WhenAll(instances.Select(i => WaitHealthyAsync(i, timeout.Token)));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new InvalidOperationException($"not healthy {StartLimit.TotalMinutes:0} min after the load: " + string.Join(", ", instances.Select(Describe)));
        }

        return stopped;
    }

    /// <summary>The instance's state and health as the AppHost reports them.</summary>
    public string Describe(Instance instance) =>
        app.ResourceNotifications.TryGetCurrentState(instance.Id, out var current)
            ? $"{instance} {current.Snapshot.State?.Text ?? "?"}, {current.Snapshot.HealthStatus?.ToString() ?? "no health"}"
            : $"{instance} unknown";

    private Task<ResourceEvent> WaitHealthyAsync(Instance instance, CancellationToken cancellationToken) =>
        app.ResourceNotifications.WaitForResourceAsync(instance.Resource,
            e => e.ResourceId == instance.Id && e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == HealthStatus.Healthy,
            cancellationToken);

    private static bool IsStopped(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state);
}
