using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TrainingProgram.Benchmarks;

public static class MachineInfo
{
    public static string Cpu() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
        : RuntimeInformation.ProcessArchitecture.ToString();

    public static string Memory() => File.Exists("/proc/meminfo")
        ? $"{long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024} GiB"
        : "unknown";

    public static string Commit()
    {
        try
        {
            var sha = Git("rev-parse --short HEAD");
            return string.IsNullOrEmpty(Git("status --porcelain --untracked-files=no")) ? sha : sha + " (with uncommitted changes)";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string Git(string arguments)
    {
        using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true })!;
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return output;
    }
}
