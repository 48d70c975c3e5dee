using System.Text.Json.Serialization;
using TrainingProgram.Messaging.Outbox;
using TrainingProgram.Messaging.Topology;

namespace TrainingProgram.EnrollmentApi.Enrollments;

/// <summary>
/// The Enrollment API's own type for the EnrollmentCreated and EnrollmentCancelled events (contract v1,
/// docs/events.md). Serialized with camelCase names; the contract tests pin the JSON.
/// </summary>
public sealed record EnrollmentEvent(
    Guid EventId,
    string EventType,
    int EventVersion,
    DateTimeOffset OccurredAt,
    Guid EnrollmentId,
    Guid StudentId,
    string StudentNumber,
    string StudentName,
    string StudentEmail,
    Guid CourseId,
    string CourseCode,
    string CourseTitle) : IIntegrationEvent
{
    public const string Created = "EnrollmentCreated";
    public const string Cancelled = "EnrollmentCancelled";
    public const int Version = 1;

    /// <summary>Transport, not contract: it travels as the AMQP routing key, not in the body.</summary>
    [JsonIgnore]
    public string RoutingKey => EventType == Created
        ? EnrollmentEventsTopology.EnrollmentCreatedRoutingKey
        : EnrollmentEventsTopology.EnrollmentCancelledRoutingKey;

    public static EnrollmentEvent EnrollmentCreated(Enrollment enrollment, Student student, Course course) =>
        Of(Created, enrollment.CreatedAt, enrollment, student, course);

    public static EnrollmentEvent EnrollmentCancelled(Enrollment enrollment, Student student, Course course, DateTimeOffset cancelledAt) =>
        Of(Cancelled, cancelledAt, enrollment, student, course);

    private static EnrollmentEvent Of(string type, DateTimeOffset occurredAt, Enrollment enrollment, Student student, Course course) => new(
        Guid.CreateVersion7(), type, Version, occurredAt,
        enrollment.Id, student.Id, student.StudentNumber, student.FullName, student.Email, course.Id, course.Code, course.Title);
}
