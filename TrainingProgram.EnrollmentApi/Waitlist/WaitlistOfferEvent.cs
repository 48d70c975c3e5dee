using System.Text.Json.Serialization;
using TrainingProgram.Messaging.Topology;

namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>
/// The Enrollment API's own type for the WaitlistOfferMade and WaitlistOfferLapsed events (contract v1,
/// docs/events.md). <see cref="Reason"/> is null on an offer, and says why on a lapse.
/// </summary>
public sealed record WaitlistOfferEvent(
    Guid EventId,
    string EventType,
    int EventVersion,
    DateTimeOffset OccurredAt,
    Guid WaitlistEntryId,
    Guid StudentId,
    string StudentNumber,
    string StudentName,
    string StudentEmail,
    Guid CourseId,
    string CourseCode,
    string CourseTitle,
    DateTimeOffset OfferExpiresAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason) : IIntegrationEvent
{
    public const string Made = "WaitlistOfferMade";
    public const string Lapsed = "WaitlistOfferLapsed";
    public const int Version = 1;

    [JsonIgnore]
    public string RoutingKey => EventType == Made
        ? EnrollmentEventsTopology.WaitlistOfferMadeRoutingKey
        : EnrollmentEventsTopology.WaitlistOfferLapsedRoutingKey;

    public static WaitlistOfferEvent OfferMade(WaitlistEntry entry, Student student, Course course) =>
        Of(Made, entry.OfferedAt!.Value, entry, student, course, reason: null);

    /// <param name="status"><see cref="WaitlistEntryStatus.Expired"/> or <see cref="WaitlistEntryStatus.Declined"/>.</param>
    public static WaitlistOfferEvent OfferLapsed(WaitlistEntry entry, Student student, Course course, WaitlistEntryStatus status) =>
        Of(Lapsed, entry.ClosedAt!.Value, entry, student, course, status.ToString());

    private static WaitlistOfferEvent Of(
        string type, DateTimeOffset occurredAt, WaitlistEntry entry, Student student, Course course, string? reason) => new(
        Guid.CreateVersion7(), type, Version, occurredAt,
        entry.Id, student.Id, student.StudentNumber, student.FullName, student.Email, course.Id, course.Code, course.Title,
        entry.OfferExpiresAt!.Value, reason);
}
