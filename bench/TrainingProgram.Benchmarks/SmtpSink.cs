using System.Diagnostics;
using System.Text;

namespace TrainingProgram.Benchmarks;

/// <summary>
/// Postfix's smtp-sink (Debian package postfix, installed by scripts/benchmark.sh): an SMTP server that accepts every
/// message at wire speed and appends it to a dump file, so the pipeline's own ceiling shows instead of the dev inbox's.
/// The dump's recipient lines count what arrived.
/// </summary>
public sealed class SmtpSink : IMailServer, IDisposable
{
    private const string Binary = "/usr/sbin/smtp-sink";
    private const string RecipientLine = "X-Rcpt-Args: ";
    private readonly Process _process;
    private readonly string _directory;
    private readonly string _dump;
    private long _countedUpTo;
    private int _messages;

    private SmtpSink(Process process, string directory, string dump, Uri endpoint)
    {
        _process = process;
        _directory = directory;
        _dump = dump;
        Endpoint = endpoint;
    }

    public string Name => "smtp-sink";

    public Uri Endpoint { get; }

    public static SmtpSink Start()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: run scripts/benchmark.sh, which installs Debian's postfix package for it.");
        }

        var directory = Directory.CreateTempSubdirectory("trainingprogram-smtp-sink-").FullName;
        // As root, smtp-sink writes the dump as `nobody` (-u), so the folder must be theirs to write in.
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        var dump = Path.Combine(directory, "dump");
        var port = FreeTcpPort();
        var start = new ProcessStartInfo(Binary)
        {
            // -D: one dump file for all messages; 1024: the listen backlog.
            ArgumentList = { "-u", "nobody", "-D", dump, $"127.0.0.1:{port}", "1024" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp-sink did not start.");
        return new SmtpSink(process, directory, dump, new Uri($"smtp://127.0.0.1:{port}"));
    }

    /// <summary>The messages received since the last <see cref="ClearAsync"/>.</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"smtp-sink exited with code {_process.ExitCode}: {_process.StandardError.ReadToEnd()}");
        }

        if (!File.Exists(_dump))
        {
            return Task.FromResult(_messages);
        }

        // The dump only grows: read what was appended since the last count, up to the last complete line.
        using var stream = new FileStream(_dump, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(_countedUpTo, SeekOrigin.Begin);
        var appended = new byte[stream.Length - _countedUpTo];
        stream.ReadExactly(appended);
        var complete = appended.AsSpan(0, appended.AsSpan().LastIndexOf((byte)'\n') + 1);
        _countedUpTo += complete.Length;
        foreach (var line in Encoding.ASCII.GetString(complete).Split('\n'))
        {
            if (line.StartsWith(RecipientLine, StringComparison.Ordinal))
            {
                _messages++;
            }
        }

        return Task.FromResult(_messages);
    }

    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await CountAsync(cancellationToken);
        _messages = 0;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
