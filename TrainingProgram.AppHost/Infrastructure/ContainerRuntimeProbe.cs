using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace TrainingProgram.AppHost.Infrastructure;

/// <summary>Whether a container runtime answered, and if not, why.</summary>
public sealed record ContainerRuntimeStatus(string Runtime, bool IsAvailable, string Detail);

/// <summary>Asks the container runtime Aspire would use (ASPIRE_CONTAINER_RUNTIME, default docker) whether its engine answers.</summary>
public static class ContainerRuntimeProbe
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    public static string RuntimeName(IConfiguration configuration) =>
        configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"] ?? "docker";

    public static ContainerRuntimeStatus Probe(string runtime)
    {
        var startInfo = new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        try
        {
            using var process = Process.Start(startInfo)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(AnswerTimeout))
            {
                process.Kill(entireProcessTree: true);
                return new(runtime, false, $"'{runtime} info' did not answer within {AnswerTimeout.TotalSeconds:0} s");
            }

            return process.ExitCode == 0
                ? new(runtime, true, $"{runtime} engine {stdout.Result.Trim()}")
                : new(runtime, false, $"'{runtime} info' failed: {FirstLine(stderr.Result)}");
        }
        catch (Win32Exception)
        {
            return new(runtime, false, $"'{runtime}' is not installed");
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";
}
