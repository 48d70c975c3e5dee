using System.Diagnostics;

namespace TrainingProgram.AppHost.LocalServers;

/// <summary>
/// The folder that holds one AppHost run's server data (under the temp folder, named after the AppHost's
/// process id). Folders of AppHosts that are no longer running are removed when the next run starts.
/// </summary>
internal sealed class RunDirectory
{
    private static readonly string Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trainingprogram");

    private RunDirectory(string path) => Path = path;

    public string Path { get; }

    public static RunDirectory Create()
    {
        RemoveFoldersOfFinishedRuns();
        var path = System.IO.Path.Combine(Root, $"run-{Environment.ProcessId}-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(path);
        return new RunDirectory(path);
    }

    public string For(string serverName) => System.IO.Path.Combine(Path, serverName);

    private static void RemoveFoldersOfFinishedRuns()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(Root, "run-*"))
        {
            var parts = System.IO.Path.GetFileName(folder).Split('-');
            if (parts.Length >= 2 && int.TryParse(parts[1], out var pid) && !IsRunning(pid))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Another AppHost may be cleaning up the same folder; it is only temp data.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
