using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace TrainingProgram.Soak;

public sealed record MachineDescription(string Cpu, int Cores, string Memory, string Os, string Commit, DateTimeOffset Date)
{
    public static MachineDescription Current() => new(ReadCpu(), Environment.ProcessorCount, ReadMemory(), RuntimeInformation.OSDescription, ReadCommit(), DateTimeOffset.UtcNow);

    private static string ReadCpu() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
        : RuntimeInformation.ProcessArchitecture.ToString();

    private static string ReadMemory() => File.Exists("/proc/meminfo")
        ? $"{long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024} GiB"
        : "unknown";

    private static string ReadCommit()
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
