using System.Text;
using Aspire.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TrainingProgram.Testing;

/// <summary>
/// What a topology that did not become healthy in time was doing, for the failure message: which resource is stuck,
/// its failing health checks, and what it last logged.
/// </summary>
internal static class StartupReport
{
    private const int LogLinesPerResource = 15;

    public static string Describe(DistributedApplication app, IEnumerable<string> resources, ResourceLogs logs, TimeSpan waited)
    {
        var report = new StringBuilder($"The topology was not healthy within {waited.TotalMinutes:0.#} min. Resources:");
        var stuck = new List<string>();
        foreach (var name in resources)
        {
            if (!app.ResourceNotifications.TryGetCurrentState(name, out var current))
            {
                report.Append($"\n  {name}: no state yet");
                stuck.Add(name);
                continue;
            }

            var snapshot = current.Snapshot;
            report.Append($"\n  {name}: {snapshot.State?.Text ?? "?"}, {snapshot.HealthStatus?.ToString() ?? "no health yet"}");
            foreach (var check in snapshot.HealthReports.Where(r => r.Status != HealthStatus.Healthy))
            {
                report.Append($"\n    {check.Name}: {check.Status?.ToString() ?? "not run"} {check.Description} {check.ExceptionText?.Split('\n')[0]}");
            }

            if (snapshot.HealthStatus != HealthStatus.Healthy)
            {
                stuck.Add(name);
            }
        }

        foreach (var name in stuck)
        {
            var last = logs.Tail(name, LogLinesPerResource);
            report.Append($"\n--- last {last.Count} log lines of {name} ---");
            foreach (var line in last)
            {
                report.Append('\n').Append(line.Length > 300 ? line[..300] : line);
            }
        }

        return report.Append($"\nEvery log line: {logs.FilePath}").ToString();
    }
}
