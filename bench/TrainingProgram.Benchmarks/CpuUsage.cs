using System.Globalization;

namespace TrainingProgram.Benchmarks;

/// <summary>
/// Where the machine's CPU went during a phase, per part of the topology, from /proc (utime + stime of every
/// process). Shares are of the whole machine (all cores for the phase's duration), so they add up to the load.
/// </summary>
public sealed class CpuUsage
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly Dictionary<int, (string Part, long Ticks)> _start;
    private readonly DateTime _startedAt = DateTime.UtcNow;

    private CpuUsage(Dictionary<int, (string Part, long Ticks)> start) => _start = start;

    public static CpuUsage Start() => new(Snapshot());

    /// <summary>Share of the machine each part used since <see cref="Start"/>, in percent, largest first, and its CPU time.</summary>
    public CpuShares Stop()
    {
        var end = Snapshot();
        var capacity = (DateTime.UtcNow - _startedAt).TotalSeconds * Environment.ProcessorCount * TicksPerSecond;
        var ticks = end
            .Select(p => (p.Value.Part, Ticks: p.Value.Ticks - (_start.TryGetValue(p.Key, out var before) ? before.Ticks : 0)))
            .GroupBy(p => p.Part)
            .Select(g => (Part: g.Key, Ticks: g.Sum(p => p.Ticks)))
            .OrderByDescending(p => p.Ticks)
            .ToList();
        return new(
            ticks.ToDictionary(p => p.Part, p => Math.Round(100 * p.Ticks / capacity, 1)),
            ticks.ToDictionary(p => p.Part, p => p.Ticks / TicksPerSecond));
    }

    private static Dictionary<int, (string Part, long Ticks)> Snapshot()
    {
        var processes = new Dictionary<int, (string, long)>();
        if (!Directory.Exists("/proc"))
        {
            return processes;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the command name, which is in parentheses and may hold spaces: utime is 14th, stime 15th.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                processes[pid] = (PartOf(pid, stat, command), ticks);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we read it.
            }
        }

        return processes;
    }

    private static string PartOf(int pid, string stat, string command) =>
        pid == Environment.ProcessId ? "benchmark (load generator + AppHost + floor)"
        : command.Contains("TrainingProgram.Benchmarks.WolverinePeer", StringComparison.Ordinal) ? "wolverine-peer"
        : command.Contains("TrainingProgram.EnrollmentApi", StringComparison.Ordinal) ? "enrollment-api"
        : command.Contains("TrainingProgram.NotificationService", StringComparison.Ordinal) ? "notification-service"
        : stat.Contains("(postgres)", StringComparison.Ordinal) ? "postgres"
        : command.Contains("beam.smp", StringComparison.Ordinal) || command.Contains("epmd", StringComparison.Ordinal)
            || command.Contains("erl_child_setup", StringComparison.Ordinal) || command.Contains("inet_gethost", StringComparison.Ordinal) ? "rabbitmq"
        : command.Contains("smtp4dev", StringComparison.OrdinalIgnoreCase) ? "mail (smtp4dev)"
        : stat.Contains("(smtp-sink)", StringComparison.Ordinal) ? "mail (smtp-sink)"
        : stat.Contains("(dcp", StringComparison.Ordinal) ? "dcp (orchestrator, proxies)"
        : "other";
}
