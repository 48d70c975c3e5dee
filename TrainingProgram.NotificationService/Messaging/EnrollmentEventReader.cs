using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using MimeKit;
using TrainingProgram.NotificationService.Notifications;

namespace TrainingProgram.NotificationService.Messaging;

/// <summary>
/// Turns a message body into an enrollment event, or says why it cannot: not JSON, an unknown eventType, a version
/// this service does not understand, or a missing or malformed field. Fields it does not know are ignored.
/// </summary>
internal static class EnrollmentEventReader
{
    public const int SupportedVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static bool TryRead(ReadOnlySpan<byte> body, [NotNullWhen(true)] out EnrollmentEvent? enrollmentEvent, [NotNullWhen(false)] out EventRejection? rejection)
    {
        rejection = Read(body, out enrollmentEvent);
        if (rejection is not null)
        {
            return false;
        }

        if (enrollmentEvent is null)
        {
            rejection = new(EventRejection.Invalid, "The body is the JSON literal null.");
            return false;
        }

        return true;
    }

    private static EventRejection? Read(ReadOnlySpan<byte> body, out EnrollmentEvent? enrollmentEvent)
    {
        enrollmentEvent = null;
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            return new(EventRejection.Unreadable, $"The body is not valid UTF-8 JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new(EventRejection.Unreadable, $"The body is a JSON {root.ValueKind}, not an object.");
            }

            if (!root.TryGetProperty("eventType", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                return new(EventRejection.UnknownEventType, "The body has no eventType string.");
            }

            var eventType = typeElement.GetString();
            var targetType = eventType switch
            {
                EnrollmentCreated.TypeName => typeof(EnrollmentCreated),
                EnrollmentCancelled.TypeName => typeof(EnrollmentCancelled),
                WaitlistOfferMade.TypeName => typeof(WaitlistOfferMade),
                WaitlistOfferLapsed.TypeName => typeof(WaitlistOfferLapsed),
                _ => null,
            };
            if (targetType is null)
            {
                return new(EventRejection.UnknownEventType, $"Unknown eventType '{eventType}'.");
            }

            if (!root.TryGetProperty("eventVersion", out var versionElement) || !versionElement.TryGetInt32(out var version))
            {
                return new(EventRejection.UnsupportedVersion, $"{eventType} has no integer eventVersion.");
            }

            if (version != SupportedVersion)
            {
                return new(EventRejection.UnsupportedVersion,
                    $"{eventType} eventVersion {version} is not supported (this service reads version {SupportedVersion}).");
            }

            try
            {
                enrollmentEvent = (EnrollmentEvent?)root.Deserialize(targetType, JsonOptions);
            }
            catch (JsonException ex)
            {
                return new(EventRejection.Invalid, $"{eventType} v{version} has a missing or malformed field: {ex.Message}");
            }

            return enrollmentEvent is null ? null : Validate(enrollmentEvent);
        }
    }

    private static EventRejection? Validate(EnrollmentEvent e)
    {
        string? problem = null;
        if (e.EventId == Guid.Empty)
        {
            problem = "eventId is empty";
        }
        else if (e.SubjectId == Guid.Empty)
        {
            problem = e is WaitlistOfferChange ? "waitlistEntryId is empty" : "enrollmentId is empty";
        }
        else if (string.IsNullOrWhiteSpace(e.StudentName) || string.IsNullOrWhiteSpace(e.CourseCode) || string.IsNullOrWhiteSpace(e.CourseTitle))
        {
            problem = "studentName, courseCode and courseTitle must not be blank";
        }
        else if (e.StudentNumber is { } number && (string.IsNullOrWhiteSpace(number) || number.Length > Notification.StudentNumberMaxLength))
        {
            problem = $"studentNumber must be 1 to {Notification.StudentNumberMaxLength} characters when given";
        }
        else if (!MailboxAddress.TryParse(e.StudentEmail, out var address) || address.Address != e.StudentEmail.Trim() || !e.StudentEmail.Contains('@', StringComparison.Ordinal))
        {
            problem = $"studentEmail '{e.StudentEmail}' is not an email address";
        }

        return problem is null ? null : new(EventRejection.Invalid, $"{e.EventType} {e.EventId}: {problem}.");
    }
}
