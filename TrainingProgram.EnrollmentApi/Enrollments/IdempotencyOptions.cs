using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.EnrollmentApi.Enrollments;

/// <summary>How long Idempotency-Key records are kept, section "Idempotency".</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>A retry with the same key within this time answers like the original; after it, the key is forgotten.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
