using Microsoft.AspNetCore.Http.HttpResults;
using RabbitMQ.Client.Exceptions;
using TrainingProgram.Messaging.DeadLetters;
using TrainingProgram.NotificationService.Notifications;

namespace TrainingProgram.NotificationService.DeadLetters;

/// <summary>
/// What operators do with the messages this service gave up on (registrars only): list them, replay one, all, or all
/// with a reason (each with a fresh attempt budget; an email already sent is not sent again), or discard them. The
/// AppHost's dashboard commands on notification-service call these.
/// </summary>
internal static class DeadLettersApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapDeadLetters(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/dead-letters").WithTags("Dead letters").RequireAuthorization(NotificationReaders.OperatorPolicy);

        api.MapGet("/", ListAsync)
            .WithName("ListDeadLetters")
            .WithSummary("Dead letters, oldest first; optionally only those with one reason.");
        api.MapPost("/replay", ReplayAllAsync)
            .WithName("ReplayDeadLetters")
            .WithSummary("Replays every dead letter, or those with the given reason; answers how many.");
        api.MapPost("/{id:long:min(1)}/replay", ReplayOneAsync)
            .WithName("ReplayDeadLetter")
            .WithSummary("Replays one dead letter.");
        api.MapDelete("/", DiscardAllAsync)
            .WithName("DiscardDeadLetters")
            .WithSummary("Discards every dead letter, or those with the given reason; answers how many.");
        api.MapDelete("/{id:long:min(1)}", DiscardOneAsync)
            .WithName("DiscardDeadLetter")
            .WithSummary("Discards one dead letter.");
        return app;
    }

    // limit is taken as text so that a malformed value gets the same problem details as any other validation error.
    private static async Task<Results<Ok<DeadLetterResponse[]>, ValidationProblem>> ListAsync(
        string? reason, string? limit, IDeadLetterStore store, CancellationToken cancellationToken)
    {
        int? count = int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : limit is null ? null : -1;
        if (Invalid(reason, count) is { } problem)
        {
            return problem;
        }

        var deadLetters = await store.ListAsync(new DeadLetterFilter(Reason: reason), count ?? DefaultLimit, cancellationToken);
        return TypedResults.Ok(deadLetters.Select(DeadLetterResponse.From).ToArray());
    }

    private static async Task<Results<Ok<DeadLetterCount>, ValidationProblem, ProblemHttpResult>> ReplayAllAsync(
        string? reason, IDeadLetterStore store, CancellationToken cancellationToken)
    {
        if (Invalid(reason, limit: null) is { } problem)
        {
            return problem;
        }

        return await ReplayAsync(store, new DeadLetterFilter(Reason: reason), cancellationToken) is { } count
            ? TypedResults.Ok(new DeadLetterCount(count))
            : BrokerUnavailable();
    }

    private static async Task<Results<Ok<DeadLetterCount>, NotFound, ProblemHttpResult>> ReplayOneAsync(
        long id, IDeadLetterStore store, CancellationToken cancellationToken) =>
        await ReplayAsync(store, new DeadLetterFilter(Id: id), cancellationToken) switch
        {
            null => BrokerUnavailable(),
            0 => TypedResults.NotFound(),
            var count => TypedResults.Ok(new DeadLetterCount(count.Value)),
        };

    /// <summary>The number replayed, or null when the broker could not take them (what was not replayed is kept).</summary>
    private static async Task<int?> ReplayAsync(IDeadLetterStore store, DeadLetterFilter filter, CancellationToken cancellationToken)
    {
        try
        {
            return await store.ReplayAsync(filter, cancellationToken);
        }
        catch (Exception ex) when (ex is RabbitMQClientException or IOException or TimeoutException)
        {
            return null;
        }
    }

    private static ProblemHttpResult BrokerUnavailable() => TypedResults.Problem(
        title: "The message broker is unavailable",
        detail: "Replaying needs the broker. Dead letters that were not replayed are kept; run the replay again once the broker is back.",
        statusCode: StatusCodes.Status503ServiceUnavailable,
        type: "https://trainingprogram.example/problems/broker-unavailable");

    private static async Task<Results<Ok<DeadLetterCount>, ValidationProblem>> DiscardAllAsync(
        string? reason, IDeadLetterStore store, CancellationToken cancellationToken) =>
        Invalid(reason, limit: null) is { } problem
            ? problem
            : TypedResults.Ok(new DeadLetterCount(await store.DiscardAsync(new DeadLetterFilter(Reason: reason), cancellationToken)));

    private static async Task<Results<NoContent, NotFound>> DiscardOneAsync(
        long id, IDeadLetterStore store, CancellationToken cancellationToken) =>
        await store.DiscardAsync(new DeadLetterFilter(Id: id), cancellationToken) > 0
            ? TypedResults.NoContent()
            : TypedResults.NotFound();

    private static ValidationProblem? Invalid(string? reason, int? limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (reason is not null && (reason.Length is 0 or > 64 || !reason.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            errors["reason"] = ["The reason is a short name such as attempts_exhausted (letters, digits, _ and -, at most 64)."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"The limit is between 1 and {MaxLimit}."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}
