using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TrainingProgram.NotificationService.Data;
using TrainingProgram.ServiceDefaults.Security;

namespace TrainingProgram.NotificationService.Notifications;

internal static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/notifications").WithTags("Notifications");

        api.MapGet("/", GetByEnrollmentAsync)
            .RequireAuthorization(NotificationReaders.Policy)
            .WithName("GetNotificationsByEnrollment")
            .WithSummary("The notifications sent (or being sent) for one enrollment (?enrollmentId=) or one waitlist entry's offer (?waitlistEntryId=), oldest first (a student: only those for their own student record).");

        return app;
    }

    // The ids are taken as text so that a missing or malformed value gets the same problem details response as any
    // other validation error, rather than the framework's bare 400.
    public static async Task<Results<Ok<NotificationResponse[]>, ValidationProblem>> GetByEnrollmentAsync(
        string? enrollmentId, string? waitlistEntryId, ClaimsPrincipal user, NotificationDbContext db, CancellationToken cancellationToken)
    {
        var (name, value) = (enrollmentId, waitlistEntryId) switch
        {
            ({ }, null) => ("enrollmentId", enrollmentId),
            (null, { }) => ("waitlistEntryId", waitlistEntryId),
            _ => ("enrollmentId", null),
        };
        if (!Guid.TryParse(value, out var id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [name] = [value is null
                    ? "Give exactly one of the enrollmentId and waitlistEntryId query parameters."
                    : $"The {name} must be a GUID."],
            });
        }

        // A student sees the notifications for their own student record (by number: an address is unique in neither
        // store, so matching by address showed one student another's); another student's look like none at all.
        var anyone = user.IsInRole(NotificationReaders.Registrar);
        var ownNumber = user.FindFirstValue(TokenAuthentication.StudentNumberClaim);
        var waitlist = name == "waitlistEntryId";
        var notifications = await db.Notifications.AsNoTracking()
            .Where(notification => notification.SubjectId == id)
            .Where(notification => waitlist == (notification.Kind == NotificationKind.WaitlistOfferMade || notification.Kind == NotificationKind.WaitlistOfferLapsed))
            .Where(notification => anyone || (ownNumber != null && notification.StudentNumber == ownNumber))
            .OrderBy(notification => notification.CreatedAt)
            .ToArrayAsync(cancellationToken);

        return TypedResults.Ok(notifications.Select(notification => NotificationResponse.From(notification, withFailureDetail: anyone)).ToArray());
    }
}
