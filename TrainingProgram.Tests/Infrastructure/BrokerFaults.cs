using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// Faults made inside the topology's RabbitMQ node with <c>rabbitmqctl eval</c>, for what no client can do to another
/// client: closing one of its channels while its connection stays up.
/// </summary>
public static class BrokerFaults
{
    /// <summary>
    /// Ends the channel of every consumer on <paramref name="queue"/> with a channel-level error, as a consumer_timeout
    /// does: the broker handles an ack of an unknown delivery tag as if that channel had sent it, and closes the
    /// channel with 406 PRECONDITION_FAILED; its connection and other channels live on. Returns how many channels it
    /// closed.
    /// </summary>
    public static async Task<int> CloseConsumerChannelsAsync(TrainingProgramApp app, string queue)
    {
        var expression = $$"""
            Closed = [rabbit_channel:do(proplists:get_value(channel_pid, C), {'basic.ack', 1000000000, false})
                      || C <- rabbit_amqqueue:consumers_all(<<"/">>),
                         element(4, proplists:get_value(queue_name, C)) =:= <<"{{queue}}">>],
            length(Closed).
            """;
        var output = await RabbitMQCtlAsync(app, "eval", expression);
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> RabbitMQCtlAsync(TrainingProgramApp app, params string[] arguments)
    {
        var notifications = app.App.Services.GetRequiredService<ResourceNotificationService>();
        if (!notifications.TryGetCurrentState(ResourceNames.Messaging, out var broker))
        {
            throw new InvalidOperationException("The broker has no state yet.");
        }

        var start = broker.Resource is ContainerResource ? ForContainer(broker.Snapshot) : ForLocalProcess(broker.Snapshot);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rabbitmqctl {string.Join(' ', arguments)} did not finish within 30 s");
        }

        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"rabbitmqctl exited with {process.ExitCode}: {await error}{await output}");
    }

    /// <summary>The local broker of LocalServers/rabbitmq.sh: its node name, Erlang cookie (in its HOME) and epmd port.</summary>
    private static ProcessStartInfo ForLocalProcess(CustomResourceSnapshot broker)
    {
        string Variable(string name) => broker.EnvironmentVariables.Single(v => v.Name == name).Value
            ?? throw new InvalidOperationException($"The broker's {name} is not known.");

        var start = new ProcessStartInfo("/usr/lib/rabbitmq/bin/rabbitmqctl");
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add($"rabbit-{Variable("RABBITMQ_NODE_PORT")}@localhost");
        start.Environment["HOME"] = Variable("RABBITMQ_BASE");
        start.Environment["ERL_EPMD_PORT"] = Variable("ERL_EPMD_PORT");
        return start;
    }

    private static ProcessStartInfo ForContainer(CustomResourceSnapshot broker)
    {
        var containerId = broker.Properties.FirstOrDefault(p => p.Name == "container.id")?.Value as string
            ?? throw new InvalidOperationException("The broker's container id is not known yet.");
        var start = new ProcessStartInfo("docker");
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(containerId);
        start.ArgumentList.Add("rabbitmqctl");
        return start;
    }
}
