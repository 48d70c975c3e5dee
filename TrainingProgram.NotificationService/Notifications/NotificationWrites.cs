using Microsoft.Extensions.Options;
using Npgsql;
using TrainingProgram.Messaging.Consuming;

namespace TrainingProgram.NotificationService.Notifications;

/// <summary>
/// The two writes every email makes, its claim and its Sent record, each batched across the deliveries being handled
/// at once (<see cref="WriteBatcher{TItem, TResult}"/>): under load, a round trip and a commit per batch instead of
/// one per email. A hosted service registered before the consumer, so that it stops after it: the Sent records of
/// the consumer's last sends are written while the database connections still exist.
/// </summary>
internal sealed class NotificationWrites : IHostedService, IDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly WriteBatcher<Notification, ClaimResult> _claims;
    private readonly WriteBatcher<SentEmail, bool> _sent;

    public NotificationWrites(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, IOptions<ConsumerOptions> consumer)
    {
        _scopes = scopes;
        // As many as the consumer handles at once: each handler waits for at most one write.
        var maxBatchSize = consumer.Value.Concurrency;
        // A batch of claims is cancelled when all of its handlers have given up (the service is stopping), as each
        // handler's own claim was before batching: its deliveries go back to the broker unclaimed, or claimed until
        // the claim expires.
        _claims = new(
            (batch, cancellationToken) => WithStoreAsync(store => store.ClaimAsync(batch, options.Value.ClaimDuration, cancellationToken)),
            maxBatchSize, MayBeOneItemsFault);
        // Never cancelled (its callers pass no token): the emails are out, and only a Sent record keeps them from going
        // out again.
        _sent = new(
            (batch, cancellationToken) => WithStoreAsync(async store =>
            {
                await store.MarkSentAsync(batch, cancellationToken);
                return (IReadOnlyList<bool>)[.. batch.Select(_ => true)];
            }),
            maxBatchSize, MayBeOneItemsFault);
    }

    /// <inheritdoc cref="NotificationStore.ClaimAsync"/>
    public Task<ClaimResult> ClaimAsync(Notification notification, CancellationToken cancellationToken) =>
        _claims.WriteAsync(notification, cancellationToken);

    /// <inheritdoc cref="NotificationStore.MarkSentAsync"/>
    public Task MarkSentAsync(SentEmail email) => _sent.WriteAsync(email, CancellationToken.None);

    /// <summary>
    /// The server refused the transaction for what was in it (a data or constraint error, a row too large), so one
    /// item may be the cause. Not when it is away, restarting, overloaded or the batch was cancelled: each item alone
    /// would only meet the same.
    /// </summary>
    private static bool MayBeOneItemsFault(Exception ex)
    {
        if (ex is OperationCanceledException)
        {
            return false;
        }

        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                return !postgres.IsTransient && postgres.SqlState[..2] is not ("08" or "53" or "57" or "58" or "XX");
            }
        }

        return false;
    }

    private async Task<IReadOnlyList<TResult>> WithStoreAsync<TResult>(Func<NotificationStore, Task<IReadOnlyList<TResult>>> write)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await write(scope.ServiceProvider.GetRequiredService<NotificationStore>());
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_claims.CompleteAsync(cancellationToken), _sent.CompleteAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout: a Sent record not written by now is written by nobody; its event's next
            // delivery sends the email again once the claim expires (same Message-Id).
        }
    }

    /// <summary>Takes no more writes. Nothing is waited for here: the host stopped it already, and the services it writes with are gone.</summary>
    public void Dispose()
    {
        _claims.Complete();
        _sent.Complete();
    }
}
