using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingProgram.ServiceDefaults.Messaging;

namespace TrainingProgram.EnrollmentApi.Outbox;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(m => m.EventId).IsUnique();
        builder.Property(m => m.EventType).HasMaxLength(64);
        builder.Property(m => m.RoutingKey).HasMaxLength(128);
        builder.Property(m => m.Payload).HasColumnType("jsonb");
        builder.Property(m => m.TraceParent).HasMaxLength(55);
        builder.Property(m => m.TraceState).HasMaxLength(TraceStateLimit.MaxLength);
        builder.Property(m => m.Actor).HasMaxLength(Actors.MaxLength);

        // The relay's scan: only pending rows, in order; stays small however many rows were published.
        builder.HasIndex(m => new { m.Id, m.NextAttemptAt })
            .HasFilter("published_at IS NULL")
            .HasDatabaseName("ix_outbox_messages_pending");

        // The purge of published rows past their retention.
        builder.HasIndex(m => m.PublishedAt).HasFilter("published_at IS NOT NULL");
    }
}
