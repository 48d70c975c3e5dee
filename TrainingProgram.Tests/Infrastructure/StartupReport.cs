using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// What a topology that did not become healthy in time was doing, for the failure message: CI shows the message,
/// not the log files, so the message must say which resource is stuck and what it last logged.
/// </summary>
internal static class StartupReport
{
    private const int LogLinesPerResource = 15;

    public static string Describe(DistributedApplication app, IEnumerable<string> resources, string logFile, TimeSpan waited)
    {
        var report = new StringBuilder($"The topology was not healthy within {waited.TotalMinutes} min. Resources:");
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
            foreach (var check in snapshot.HealthReports.Where(r => r.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy))
            {
                report.Append($"\n    {check.Name}: {check.Status?.ToString() ?? "not run"} {check.Description} {check.ExceptionText?.Split('\n')[0]}");
            }

            if (snapshot.HealthStatus != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            {
                stuck.Add(name);
            }
        }

        var lines = File.Exists(logFile) ? ReadShared(logFile) : [];
        foreach (var name in stuck)
        {
            var marker = $".Resources.{name}";
            var last = lines.Where(line => line.Contains(marker, StringComparison.Ordinal)).TakeLast(LogLinesPerResource).ToList();
            report.Append($"\n--- last {last.Count} log lines of {name} ---");
            foreach (var line in last)
            {
                report.Append('\n').Append(line.Length > 300 ? line[..300] : line);
            }
        }

        return report.ToString();
    }

    private static string[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }
}
