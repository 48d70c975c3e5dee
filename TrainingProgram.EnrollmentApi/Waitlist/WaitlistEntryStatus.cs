using System.Text.Json.Serialization;

namespace TrainingProgram.EnrollmentApi.Waitlist;

[JsonConverter(typeof(JsonStringEnumConverter<WaitlistEntryStatus>))]
public enum WaitlistEntryStatus
{
    /// <summary>In line.</summary>
    Waiting,

    /// <summary>A seat is held for the student until the offer's deadline.</summary>
    Offered,

    /// <summary>The student took the seat: the entry's enrollment exists (an accepted offer, or automatic promotion).</summary>
    Enrolled,

    /// <summary>The student turned the offer down; the seat went to the next in line.</summary>
    Declined,

    /// <summary>The deadline passed before the student accepted; the seat went to the next in line.</summary>
    Expired,

    /// <summary>The student left the line before any offer.</summary>
    Left,
}
