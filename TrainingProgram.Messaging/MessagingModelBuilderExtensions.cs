using Microsoft.EntityFrameworkCore;
using TrainingProgram.Messaging.DeadLetters;
using TrainingProgram.Messaging.Outbox;

namespace TrainingProgram.Messaging;

public static class MessagingModelBuilderExtensions
{
    /// <summary>The outbox table, so that events commit in the same transaction as the change they announce.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());

    /// <summary>The dead-letter table, where a consumer keeps what it gave up on until an operator replays or discards it.</summary>
    public static ModelBuilder AddDeadLetters(this ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfiguration(new DeadLetterConfiguration());
}
