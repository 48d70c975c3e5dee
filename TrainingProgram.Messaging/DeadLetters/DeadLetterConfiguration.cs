using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingProgram.Messaging.DeadLetters;

internal sealed class DeadLetterConfiguration : IEntityTypeConfiguration<DeadLetter>
{
    public const string Table = "dead_letters";
    public const string MessageIdIndex = "ux_dead_letters_queue_message_id";

    public void Configure(EntityTypeBuilder<DeadLetter> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(d => d.Id).HasName("pk_dead_letters");
        builder.Property(d => d.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(d => d.Queue).HasColumnName("queue").HasMaxLength(255);
        builder.Property(d => d.MessageId).HasColumnName("message_id").HasMaxLength(255);
        builder.Property(d => d.MessageType).HasColumnName("message_type").HasMaxLength(255);
        builder.Property(d => d.Subject).HasColumnName("subject").HasMaxLength(255);
        builder.Property(d => d.Exchange).HasColumnName("exchange").HasMaxLength(255);
        builder.Property(d => d.RoutingKey).HasColumnName("routing_key").HasMaxLength(255);
        builder.Property(d => d.Reason).HasColumnName("reason").HasMaxLength(64);
        builder.Property(d => d.Description).HasColumnName("description").HasMaxLength(2000);
        builder.Property(d => d.Attempts).HasColumnName("attempts");
        builder.Property(d => d.Replays).HasColumnName("replays");
        builder.Property(d => d.DeadLetteredAt).HasColumnName("dead_lettered_at");
        builder.Property(d => d.ContentType).HasColumnName("content_type").HasMaxLength(255);
        builder.Property(d => d.Timestamp).HasColumnName("timestamp");
        builder.Property(d => d.Headers).HasColumnName("headers")
            .HasConversion(
                headers => JsonSerializer.Serialize(headers, (JsonSerializerOptions?)null),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (left, right) => left!.Count == right!.Count && !left.Except(right).Any(),
                    headers => headers.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    headers => new Dictionary<string, string>(headers)));
        builder.Property(d => d.Body).HasColumnName("body");
        builder.HasIndex(d => new { d.Reason, d.Id }).HasDatabaseName("ix_dead_letters_reason");

        // One dead letter per message (messages without an id cannot be matched, and PostgreSQL keeps NULLs distinct).
        builder.HasIndex(d => new { d.Queue, d.MessageId }).IsUnique().HasDatabaseName(MessageIdIndex);
    }
}
