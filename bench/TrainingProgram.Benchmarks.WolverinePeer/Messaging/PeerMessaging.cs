using JasperFx;
using JasperFx.CodeGeneration;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TrainingProgram.Benchmarks.WolverinePeer.Data;
using TrainingProgram.Benchmarks.WolverinePeer.Enrollments;
using TrainingProgram.Benchmarks.WolverinePeer.Notifications;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;
using Wolverine.RabbitMQ;

namespace TrainingProgram.Benchmarks.WolverinePeer.Messaging;

public static class PeerMessaging
{
    public const string BrokerConnectionName = "messaging";
    public const string EnrollmentsQueue = "peer.enrollments";
    public const string StorageSchema = "wolverine";

    /// <summary>Our consumer's figures: one SMTP connection per handler in flight.</summary>
    public const int Parallelism = SmtpClientPool.MaxConnections;
    public const ushort Prefetch = 64;

    /// <summary>
    /// Wolverine with its PostgreSQL message store and EF Core outbox, and RabbitMQ: <see cref="EnrollmentCreated"/>
    /// goes through a durable quorum queue to its handler in this same process, received through the durable inbox.
    /// </summary>
    public static IHostApplicationBuilder AddPeerMessaging(this IHostApplicationBuilder builder)
    {
        // Its own pool beside the DbContext's: with it the peer holds as many connections as our API and consumer.
        var storage = PeerDatabase.ConnectionString(builder.Configuration, maxPoolSize: 16);
        var broker = builder.Configuration.GetConnectionString(BrokerConnectionName)
            ?? throw new InvalidOperationException($"The connection string '{BrokerConnectionName}' is not set.");

        builder.UseWolverine(opts =>
        {
            // Wolverine 6 compiles its generated handler code only with the Roslyn package; no pre-generation step.
            opts.UseRuntimeCompilation();
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;

            opts.PersistMessagesWithPostgresql(storage, schemaName: StorageSchema);
            opts.AutoBuildMessageStorageOnStartup = AutoCreate.CreateOrUpdate;
            opts.UseEntityFrameworkCoreTransactions();

            // Our queue's delivery limit, and RabbitMQ 4's default. Wolverine suggests -1 for a durable listener, but
            // -1 means "no limit" only from RabbitMQ 4 on, and the local topology runs RabbitMQ 3.10.
            opts.UseRabbitMq(new Uri(broker)).AutoProvision().UseQuorumQueues().DeliveryLimitForDurableQuorumQueues(20);
            opts.PublishMessage<EnrollmentCreated>().ToRabbitQueue(EnrollmentsQueue).UseDurableOutbox();
            opts.ListenToRabbitQueue(EnrollmentsQueue)
                .UseDurableInbox()
                .MaximumParallelMessages(Parallelism)
                .PreFetchCount(Prefetch);

            // Rides out a mail server or database blip of a few seconds; after that the message is dead-lettered.
            opts.OnAnyException().RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

            // Wolverine logs every handled message at Information under the message type's name.
            opts.Policies.MessageSuccessLogLevel(LogLevel.Debug);
            opts.Policies.MessageExecutionLogLevel(LogLevel.None);
        });

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("Wolverine"))
            .WithMetrics(metrics => metrics.AddMeter("Wolverine*"));
        return builder;
    }
}
