using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace TrainingProgram.Testing;

/// <summary>
/// Every log line of the topology's resources (and of the AppHost), kept two ways: the whole run in one file
/// (<see cref="FilePath"/>), and the last <see cref="LinesKept"/> lines of each resource in memory, for failure
/// messages: CI shows a test's message and output, not the files beside it.
/// </summary>
public sealed class ResourceLogs : ILoggerProvider
{
    /// <summary>Lines kept in memory per resource.</summary>
    public const int LinesKept = 200;

    private const string ResourceMarker = ".Resources.";
    private readonly ConcurrentDictionary<string, Logger> _loggers = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byResource = new(StringComparer.Ordinal);
    private readonly StreamWriter _file;
    private readonly Lock _fileGate = new();

    /// <summary>Writes to <paramref name="filePath"/> (created, with its folder).</summary>
    public ResourceLogs(string filePath)
    {
        FilePath = filePath;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(filePath))!);
        _file = new StreamWriter(filePath, append: true) { AutoFlush = true };
    }

    /// <summary>The file that holds every line of this run.</summary>
    public string FilePath { get; }

    /// <summary>The last <paramref name="lines"/> lines <paramref name="resource"/> logged (its replicas' lines included).</summary>
    public IReadOnlyList<string> Tail(string resource, int lines = 20) =>
        _byResource.TryGetValue(resource, out var kept) ? [.. kept.TakeLast(lines)] : [];

    /// <summary>The last lines of each resource that logged anything, for a failure message.</summary>
    public string Describe(int linesPerResource = 12)
    {
        var report = new StringBuilder($"Resource logs (last {linesPerResource} lines each; all of them in {FilePath}):");
        foreach (var (resource, _) in _byResource.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            report.Append($"\n--- {resource} ---");
            foreach (var line in Tail(resource, linesPerResource))
            {
                report.Append('\n').Append(line.Length > 300 ? line[..300] + " …" : line);
            }
        }

        return report.ToString();
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, name => new Logger(name, ResourceOf(name), this));

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_fileGate)
        {
            _file.Dispose();
        }
    }

    /// <summary>"TrainingProgram.AppHost.Resources.enrollment-api" is enrollment-api (replicas log under their resource's name).</summary>
    private static string? ResourceOf(string category)
    {
        var at = category.IndexOf(ResourceMarker, StringComparison.Ordinal);
        return at < 0 ? null : category[(at + ResourceMarker.Length)..];
    }

    private void Write(string? resource, string line)
    {
        if (resource is not null)
        {
            var kept = _byResource.GetOrAdd(resource, _ => new ConcurrentQueue<string>());
            kept.Enqueue(line);
            while (kept.Count > LinesKept && kept.TryDequeue(out _))
            {
            }
        }

        lock (_fileGate)
        {
            if (_file.BaseStream.CanWrite)
            {
                _file.WriteLine(line);
            }
        }
    }

    private sealed class Logger(string category, string? resource, ResourceLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Write(resource, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}
