using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace TrainingProgram.Benchmarks;

/// <summary>
/// The floor: the durable work of one enrollment done raw, with no HTTP, EF Core, JSON serializer or service in
/// between, against the same servers. A producer commits the enrollment insert, the seat update and the outbox insert
/// in one transaction (one round trip and the commit), then publishes a persistent message to a quorum queue and
/// awaits the broker's confirm. A consumer (the Notification Service's prefetch and concurrency) claims the
/// notification, sends the email on a pooled SMTP connection, records it Sent and acks.
/// </summary>
public sealed class RawPipeline(BenchmarkTopology topology) : IAsyncDisposable
{
    private const string Queue = "bench.floor";
    private const ushort Prefetch = 64;
    private const ushort Concurrency = 16;
    private static readonly TimeSpan AccountingTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The services' own connection settings (PostgresConnectionString): prepared statements, no reset.</summary>
    private const string Tuning = ";Max Auto Prepare=64;Auto Prepare Min Usages=2;No Reset On Close=true";

    private readonly NpgsqlDataSource _enrollments = NpgsqlDataSource.Create(topology.EnrollmentDb + Tuning + ";Maximum Pool Size=64");
    private readonly NpgsqlDataSource _notifications = NpgsqlDataSource.Create(topology.NotificationDb + Tuning + ";Maximum Pool Size=32");
    private readonly ConcurrentBag<IChannel> _publishers = [];
    private readonly ConcurrentBag<SmtpClient> _smtp = [];
    private readonly ConcurrentDictionary<Guid, long> _committed = new();
    private readonly ConcurrentDictionary<Guid, long> _sent = new();
    private long _acked;
    private readonly List<Guid> _courses = [];
    private IConnection? _connection;
    private IChannel? _consumerChannel;
    private string? _consumerTag;
    private long _next;

    public async Task PrepareAsync()
    {
        await using (var command = _enrollments.CreateCommand("""
            CREATE SCHEMA IF NOT EXISTS bench;
            DROP TABLE IF EXISTS bench.floor_enrollments, bench.floor_outbox, bench.floor_courses;
            CREATE TABLE bench.floor_courses (id uuid PRIMARY KEY, capacity int NOT NULL, seats_taken int NOT NULL,
                CHECK (seats_taken <= capacity));
            CREATE TABLE bench.floor_enrollments (id uuid PRIMARY KEY, student_id uuid NOT NULL, course_id uuid NOT NULL,
                status text NOT NULL, created_at timestamptz NOT NULL);
            CREATE TABLE bench.floor_outbox (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id uuid NOT NULL UNIQUE,
                payload jsonb NOT NULL, occurred_at timestamptz NOT NULL, published_at timestamptz);
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < BenchmarkSettings.Courses; i++)
        {
            _courses.Add(Guid.CreateVersion7());
        }

        await using (var courses = _enrollments.CreateCommand(
            "INSERT INTO bench.floor_courses SELECT unnest($1), 1000000, 0"))
        {
            courses.Parameters.Add(new() { Value = _courses.ToArray() });
            await courses.ExecuteNonQueryAsync();
        }

        await using (var command = _notifications.CreateCommand("""
            CREATE SCHEMA IF NOT EXISTS bench;
            DROP TABLE IF EXISTS bench.floor_notifications;
            CREATE TABLE bench.floor_notifications (event_id uuid PRIMARY KEY, recipient text NOT NULL, status text NOT NULL,
                claimed_at timestamptz NOT NULL, sent_at timestamptz);
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        _connection = await new ConnectionFactory { Uri = new Uri(topology.Messaging) }.CreateConnectionAsync("benchmark floor");
        await using var setup = await _connection.CreateChannelAsync();
        await setup.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await setup.QueuePurgeAsync(Queue);
    }

    /// <summary>One enrollment's producer side: the transaction, then the confirmed publish. Returns its latency.</summary>
    public async Task<TimeSpan> EnrollOneAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var n = Interlocked.Increment(ref _next);
        var enrollmentId = Guid.CreateVersion7();
        var eventId = Guid.CreateVersion7();
        var courseId = _courses[(int)(n % _courses.Count)];
        var now = DateTime.UtcNow;
        // End to end starts where ours and the peer's do: the enrollment's own timestamp, before its transaction.
        var started = Stopwatch.GetTimestamp();
        await using (var connection = await _enrollments.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    new("INSERT INTO bench.floor_enrollments VALUES ($1, $2, $3, 'Active', $4)")
                    {
                        Parameters = { new() { Value = enrollmentId }, new() { Value = Guid.NewGuid() }, new() { Value = courseId }, new() { Value = now } },
                    },
                    new("UPDATE bench.floor_courses SET seats_taken = seats_taken + 1 WHERE id = $1 AND seats_taken < capacity")
                    {
                        Parameters = { new() { Value = courseId } },
                    },
                    new("INSERT INTO bench.floor_outbox (event_id, payload, occurred_at) VALUES ($1, $2::jsonb, $3)")
                    {
                        Parameters = { new() { Value = eventId }, new() { Value = $$"""{"enrollmentId":"{{enrollmentId}}"}""" }, new() { Value = now } },
                    },
                },
            };
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        _committed[eventId] = started;
        var channel = await RentPublisherAsync(cancellationToken);
        try
        {
            var body = Encoding.UTF8.GetBytes($"{eventId}|floor.{n}@bench.example");
            await channel.BasicPublishAsync("", Queue, mandatory: true, new BasicProperties { Persistent = true, MessageId = eventId.ToString() },
                body, cancellationToken);
        }
        finally
        {
            _publishers.Add(channel);
        }

        return stopwatch.Elapsed;
    }

    public async Task StartConsumingAsync()
    {
        _consumerChannel = await _connection!.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false, consumerDispatchConcurrency: Concurrency));
        await _consumerChannel.BasicQosAsync(0, Prefetch, global: false);
        var consumer = new AsyncEventingBasicConsumer(_consumerChannel);
        consumer.ReceivedAsync += (sender, delivery) => HandleAsync(((AsyncEventingBasicConsumer)sender).Channel, delivery);
        _consumerTag = await _consumerChannel.BasicConsumeAsync(Queue, autoAck: false, consumer);
    }

    public async Task StopConsumingAsync()
    {
        if (_consumerChannel is not null)
        {
            await _consumerChannel.BasicCancelAsync(_consumerTag!);
            await _consumerChannel.CloseAsync();
            await _consumerChannel.DisposeAsync();
            _consumerChannel = null;
        }
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        var text = Encoding.UTF8.GetString(delivery.Body.Span);
        var separator = text.IndexOf('|', StringComparison.Ordinal);
        var eventId = Guid.Parse(text.AsSpan(0, separator));
        var recipient = text[(separator + 1)..];
        await using var connection = await _notifications.OpenConnectionAsync();
        await using (var claim = new NpgsqlCommand(
            "INSERT INTO bench.floor_notifications VALUES ($1, $2, 'Sending', now(), NULL) ON CONFLICT DO NOTHING", connection)
        {
            Parameters = { new() { Value = eventId }, new() { Value = recipient } },
        })
        {
            if (await claim.ExecuteNonQueryAsync() == 1)
            {
                await SendAsync(recipient);
                _sent[eventId] = Stopwatch.GetTimestamp();
                await using var sent = new NpgsqlCommand(
                    "UPDATE bench.floor_notifications SET status = 'Sent', sent_at = now() WHERE event_id = $1", connection)
                {
                    Parameters = { new() { Value = eventId } },
                };
                await sent.ExecuteNonQueryAsync();
            }
        }

        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        Interlocked.Increment(ref _acked);
    }

    private async Task SendAsync(string recipient)
    {
        if (!_smtp.TryTake(out var client))
        {
            client = new SmtpClient();
            await client.ConnectAsync(topology.Mail.Endpoint.Host, topology.Mail.Endpoint.Port, SecureSocketOptions.None);
        }

        try
        {
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress("Benchmark", "bench@trainingprogram.example"));
            message.To.Add(MailboxAddress.Parse(recipient));
            message.Subject = "Enrollment confirmed: BENCH Benchmark course";
            message.Body = new BodyBuilder { TextBody = "Benchmark message.", HtmlBody = "<p>Benchmark message.</p>" }.ToMessageBody();
            await client.SendAsync(message);
            _smtp.Add(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task<IChannel> RentPublisherAsync(CancellationToken cancellationToken) =>
        _publishers.TryTake(out var channel) ? channel
        : await _connection!.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);

    /// <summary>
    /// Waits until every enrollment produced so far was emailed (once: the mail server received exactly that many
    /// more messages), then returns each one's end-to-end latency, commit to SMTP acceptance, and forgets them.
    /// </summary>
    public async Task<Emailed> AccountAsync(int inboxBefore)
    {
        var stopwatch = Stopwatch.StartNew();
        while (Interlocked.Read(ref _acked) < _committed.Count)
        {
            if (stopwatch.Elapsed > AccountingTimeout)
            {
                throw new InvalidOperationException($"MISSING EMAILS (floor): {_committed.Count - _sent.Count} of {_committed.Count} not sent after {AccountingTimeout}.");
            }

            await Task.Delay(50);
        }

        var received = await topology.Mail.CountAsync(CancellationToken.None) - inboxBefore;
        if (received != _committed.Count)
        {
            throw new InvalidOperationException($"EMAIL COUNT MISMATCH (floor): {_committed.Count} enrollments but {topology.Mail.Name} received {received} messages.");
        }

        var sentAt = _sent.Values.Order().ToArray();
        var emailed = new Emailed(
            [.. _committed.Select(c => Stopwatch.GetElapsedTime(c.Value, _sent[c.Key]))],
            Stopwatch.GetElapsedTime(sentAt[SkippedAtDrainStart(sentAt.Length)], sentAt[^1]).TotalSeconds,
            sentAt.Length - SkippedAtDrainStart(sentAt.Length));
        _committed.Clear();
        _sent.Clear();
        Interlocked.Exchange(ref _acked, 0);
        return emailed;
    }

    /// <summary>
    /// A drain's rate leaves out its first emails, while pools and the JIT warm up (both sides alike): the first 1,000,
    /// or a tenth of a smaller backlog.
    /// </summary>
    public static int SkippedAtDrainStart(int emails) => Math.Min(1000, emails / 10);

    /// <param name="EndToEnd">Each enrollment's start to its email's acceptance by the SMTP server.</param>
    /// <param name="WindowSeconds">From the acceptance of email number <see cref="SkippedAtDrainStart"/> to the last one's.</param>
    /// <param name="InWindow">The emails in that window.</param>
    public sealed record Emailed(IReadOnlyList<TimeSpan> EndToEnd, double WindowSeconds, int InWindow)
    {
        public double PerSecond => InWindow / WindowSeconds;
    }

    /// <summary>
    /// The floor's email rate: <paramref name="backlog"/> enrollments made while the consumer is stopped, then
    /// consumed; emails per second after the first <see cref="SkippedAtDrainStart"/>, to the last.
    /// </summary>
    public async Task<double> DrainAsync(int backlog, int inboxBefore)
    {
        await StopConsumingAsync();
        using (var gate = new SemaphoreSlim(32))
        {
            await Task.WhenAll(Enumerable.Range(0, backlog).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    await EnrollOneAsync(CancellationToken.None);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await StartConsumingAsync();
        return (await AccountAsync(inboxBefore)).PerSecond;
    }

    public async Task CleanUpAsync()
    {
        await StopConsumingAsync();
        await using (var command = _enrollments.CreateCommand("DROP TABLE bench.floor_enrollments, bench.floor_outbox, bench.floor_courses"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await using (var command = _notifications.CreateCommand("DROP SCHEMA bench CASCADE"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await using var channel = await _connection!.CreateChannelAsync();
        await channel.QueueDeleteAsync(Queue);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _smtp)
        {
            client.Dispose();
        }

        foreach (var channel in _publishers)
        {
            await channel.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await _enrollments.DisposeAsync();
        await _notifications.DisposeAsync();
    }
}
