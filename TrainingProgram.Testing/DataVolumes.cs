using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace TrainingProgram.Testing;

/// <summary>The named volumes a topology's containers keep their data in, and their removal when it ends.</summary>
internal static class DataVolumes
{
    /// <summary>The named volumes of <paramref name="app"/>'s containers whose names start with <paramref name="prefix"/> (the kit's own).</summary>
    public static IReadOnlyList<string> Of(DistributedApplication app, string prefix) =>
        [.. app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(resource => resource.IsContainer())
            .SelectMany(resource => resource.Annotations.OfType<ContainerMountAnnotation>())
            .Where(mount => mount.Type == ContainerMountType.Volume && mount.Source?.StartsWith(prefix, StringComparison.Ordinal) == true)
            .Select(mount => mount.Source!)
            .Distinct()];

    /// <summary>
    /// Removes <paramref name="volumes"/> with the container runtime's CLI (ASPIRE_CONTAINER_RUNTIME, default docker),
    /// within <paramref name="timeout"/>; a volume already gone is not an error.
    /// </summary>
    public static async Task RemoveAsync(IReadOnlyList<string> volumes, TimeSpan timeout)
    {
        if (volumes.Count == 0)
        {
            return;
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") is { Length: > 0 } runtime ? runtime : "docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["volume", "rm", "--force", .. volumes])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        using var deadline = new CancellationTokenSource(timeout);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.StandardOutput.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{start.FileName} volume rm {string.Join(' ', volumes)} exited with {process.ExitCode}: {await error}");
        }
    }
}
