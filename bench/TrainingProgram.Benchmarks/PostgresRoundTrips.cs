using System.Diagnostics;
using System.Globalization;

namespace TrainingProgram.Benchmarks;

/// <summary>
/// Round trips to PostgreSQL, counted by the kernel: the TCP data segments each client connection sent to the
/// server's port (`ss -ti`, data_segs_in on the server's sockets). A client sends one segment per round trip on
/// loopback (a 32 KiB MSS; batches here are far smaller). Connections closed during a phase are not counted, so the
/// figure is a floor; pools keep theirs open.
/// </summary>
public sealed class PostgresRoundTrips(int port)
{
    private const string Counter = "data_segs_in:";

    public Dictionary<string, long> Snapshot()
    {
        var start = new ProcessStartInfo("ss") { RedirectStandardOutput = true };
        foreach (var argument in new[] { "-tin", "state", "established", $"( sport = :{port} )" })
        {
            start.ArgumentList.Add(argument);
        }

        using var ss = Process.Start(start) ?? throw new InvalidOperationException("ss (iproute2) did not start.");
        var lines = ss.StandardOutput.ReadToEnd().Split('\n');
        ss.WaitForExit();
        var segments = new Dictionary<string, long>();
        string? connection = null;
        foreach (var line in lines.Skip(1))
        {
            if (!line.StartsWith('\t') && !line.StartsWith(' '))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                connection = columns.Length >= 4 ? $"{columns[2]}<{columns[3]}" : null;
                continue;
            }

            var at = line.IndexOf(Counter, StringComparison.Ordinal);
            if (connection is not null && at >= 0)
            {
                var value = line[(at + Counter.Length)..].Split(' ', 2)[0];
                segments[connection] = long.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return segments;
    }

    /// <summary>Segments received since <paramref name="before"/>, on the connections open now.</summary>
    public long Since(Dictionary<string, long> before) =>
        Snapshot().Sum(c => c.Value - before.GetValueOrDefault(c.Key));
}
