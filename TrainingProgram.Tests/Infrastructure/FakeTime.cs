namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// libfaketime (Debian package libfaketime, installed by scripts/setup.sh): preloaded into a process, it shifts the
/// wall clock that process sees (FAKETIME), and nothing else on the machine.
/// </summary>
public static class FakeTime
{
    /// <summary>The thread-safe build of the library, for this machine's architecture.</summary>
    public static string Library { get; } =
        Directory.EnumerateDirectories("/usr/lib").Select(directory => Path.Combine(directory, "faketime", "libfaketimeMT.so.1")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("libfaketime is not installed (scripts/setup.sh installs the Debian package libfaketime).");
}
