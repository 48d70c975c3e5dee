using Microsoft.Extensions.Options;

namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>
/// Runs <see cref="ExpireOffers"/> at each offer's deadline (and at least every
/// <see cref="WaitlistOptions.ExpiryPollInterval"/>, for offers made by other replicas), on the database's clock. Its looks at the database make
/// no trace; each course whose offers expire is one trace, which the lapse emails and the next offers continue.
/// </summary>
public sealed partial class OfferExpiry(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<WaitlistOptions> options, ILogger<OfferExpiry> logger) : BackgroundService
{
    public static readonly ActivitySource Source = new("TrainingProgram.EnrollmentApi.Waitlist");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.ExpiryPollInterval;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var expireOffers = scope.ServiceProvider.GetRequiredService<ExpireOffers>();
                await ExpireDueOffersAsync(expireOffers, stoppingToken);
                DateTimeOffset? next;
                DateTimeOffset now;
                using (UntracedWork.Begin("next offer deadline"))
                {
                    next = await expireOffers.NextDeadlineAsync(stoppingToken);
                    now = await expireOffers.NowAsync(stoppingToken);
                }

                // Deadlines are on the database's clock; the wait is measured on this process's, which keeps time
                // well enough over the poll interval even where its wall clock is off.
                if (next is { } deadline && deadline - now < wait)
                {
                    wait = deadline - now + TimeSpan.FromMilliseconds(50);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(ex);
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ExpireDueOffersAsync(ExpireOffers expireOffers, CancellationToken stoppingToken)
    {
        DateTimeOffset now;
        List<Guid> courses;
        using (UntracedWork.Begin("expired offers"))
        {
            now = await expireOffers.NowAsync(stoppingToken);
            courses = await expireOffers.FindCoursesWithExpiredOffersAsync(now, stoppingToken);
        }

        // One course failing (its transaction keeps failing) must not keep the others' offers open.
        foreach (var courseId in courses)
        {
            using var activity = Source.StartActivity("waitlist offers expire");
            activity?.SetTag("trainingprogram.course.id", courseId);
            try
            {
                var expired = await expireOffers.ExpireAsync(courseId, now, stoppingToken);
                activity?.SetTag("trainingprogram.waitlist.expired_offers", expired);
                if (expired > 0)
                {
                    LogExpired(expired, courseId);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                LogCourseFailed(ex, courseId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} waitlist offers of course {CourseId} expired; their seats passed to the next in line")]
    private partial void LogExpired(int count, Guid courseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiring the waitlist offers of course {CourseId} failed; the next pass retries")]
    private partial void LogCourseFailed(Exception exception, Guid courseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiring waitlist offers failed; the next pass retries")]
    private partial void LogPassFailed(Exception exception);
}
