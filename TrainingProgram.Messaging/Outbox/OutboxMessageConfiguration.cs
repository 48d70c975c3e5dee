using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingProgram.Messaging.Tracing;

namespace TrainingProgram.Messaging.Outbox;

/// <summary>The outbox table, in the service's own database (see <see cref="MessagingModelBuilderExtensions"/>).</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public const string Table = "outbox_messages";

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        // Named here, not by a naming convention: the relay's SQL names them.
        builder.Property(m => m.EventId).HasColumnName("event_id");
        builder.Property(m => m.EventType).HasColumnName("event_type");
        builder.Property(m => m.EventVersion).HasColumnName("event_version");
        builder.Property(m => m.RoutingKey).HasColumnName("routing_key");
        builder.Property(m => m.Payload).HasColumnName("payload");
        builder.Property(m => m.TraceParent).HasColumnName("trace_parent");
        builder.Property(m => m.TraceState).HasColumnName("trace_state");
        builder.Property(m => m.Actor).HasColumnName("actor");
        builder.Property(m => m.OccurredAt).HasColumnName("occurred_at");
        builder.Property(m => m.PublishedAt).HasColumnName("published_at");
        builder.Property(m => m.UnroutableSince).HasColumnName("unroutable_since");
        builder.Property(m => m.GivenUpAt).HasColumnName("given_up_at");
        builder.Property(m => m.Attempts).HasColumnName("attempts");
        builder.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(m => m.LastError).HasColumnName("last_error");
        builder.HasIndex(m => m.EventId).IsUnique();
        builder.Property(m => m.EventType).HasMaxLength(64);
        builder.Property(m => m.RoutingKey).HasMaxLength(128);
        builder.Property(m => m.Payload).HasColumnType("jsonb");
        builder.Property(m => m.TraceParent).HasMaxLength(55);
        builder.Property(m => m.TraceState).HasMaxLength(TraceStateLimit.MaxLength);
        builder.Property(m => m.Actor).HasMaxLength(OutboxMessage.MaxActorLength);

        // The relay's scan: only pending rows, in order; stays small however many rows were published.
        builder.HasIndex(m => new { m.Id, m.NextAttemptAt })
            .HasFilter("published_at IS NULL AND given_up_at IS NULL")
            .HasDatabaseName("ix_outbox_messages_pending");

        // The purge of published rows past their retention.
        builder.HasIndex(m => m.PublishedAt).HasFilter("published_at IS NOT NULL");
    }
}
