using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TrainingProgram.NotificationService.Data;

namespace TrainingProgram.NotificationService.Notifications;

internal static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/notifications").WithTags("Notifications");

        api.MapGet("/", GetByEnrollmentAsync)
            .RequireAuthorization(NotificationReaders.Policy)
            .WithName("GetNotificationsByEnrollment")
            .WithSummary("The notifications sent (or being sent) for one enrollment, oldest first (a student: only those sent to them).");

        return app;
    }

    // enrollmentId is taken as text so that a missing or malformed value gets the same problem details
    // response as any other validation error, rather than the framework's bare 400.
    public static async Task<Results<Ok<NotificationResponse[]>, ValidationProblem>> GetByEnrollmentAsync(
        string? enrollmentId, ClaimsPrincipal user, NotificationDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(enrollmentId, out var id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["enrollmentId"] = [enrollmentId is null ? "The enrollmentId query parameter is required." : "The enrollmentId must be a GUID."],
            });
        }

        // A student sees the notifications addressed to them; another student's look like none at all.
        // Addresses compare ignoring case: ILIKE with the wildcards escaped.
        var anyone = user.IsInRole(NotificationReaders.Registrar);
        var ownAddress = user.FindFirstValue("email")?.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
        var notifications = await db.Notifications.AsNoTracking()
            .Where(notification => notification.EnrollmentId == id)
            .Where(notification => anyone || (ownAddress != null && EF.Functions.ILike(notification.Recipient, ownAddress)))
            .OrderBy(notification => notification.CreatedAt)
            .Select(notification => new NotificationResponse(
                notification.EventId, notification.EnrollmentId, notification.Kind, notification.Recipient,
                notification.Subject, notification.Status, notification.Attempts, notification.LastError,
                notification.CreatedAt, notification.SentAt, notification.TraceId))
            .ToArrayAsync(cancellationToken);

        return TypedResults.Ok(notifications);
    }
}
