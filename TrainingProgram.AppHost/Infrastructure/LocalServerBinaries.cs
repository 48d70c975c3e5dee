namespace TrainingProgram.AppHost.Infrastructure;

/// <summary>Where Debian's PostgreSQL and RabbitMQ server programs live, for the local mode.</summary>
public sealed record LocalServerBinaries(string? PostgresBinDirectory, string? RabbitMQServer)
{
    private const string RabbitMQServerPath = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static LocalServerBinaries Find() => new(
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")) && File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null,
        File.Exists(RabbitMQServerPath) ? RabbitMQServerPath : null);

    public IReadOnlyList<string> Missing =>
    [
        .. PostgresBinDirectory is null ? ["PostgreSQL server (Debian package 'postgresql')"] : Array.Empty<string>(),
        .. RabbitMQServer is null ? ["RabbitMQ server (Debian package 'rabbitmq-server')"] : Array.Empty<string>(),
    ];
}
