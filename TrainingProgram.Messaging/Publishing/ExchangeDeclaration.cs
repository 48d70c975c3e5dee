using RabbitMQ.Client;

namespace TrainingProgram.Messaging.Publishing;

/// <summary>
/// An exchange a service publishes to, declared (idempotently, durable, without arguments, so that every side's
/// declaration agrees) whenever its publishing channel opens.
/// </summary>
public sealed record ExchangeDeclaration(string Name, string Type)
{
    public Task DeclareAsync(IChannel channel, CancellationToken cancellationToken) =>
        channel.ExchangeDeclareAsync(Name, Type, durable: true, autoDelete: false, arguments: null, cancellationToken: cancellationToken);
}
