using System.ComponentModel.DataAnnotations;
using TrainingProgram.ServiceDefaults.Http;

namespace TrainingProgram.EnrollmentApi.RateLimiting;

/// <summary>
/// The abuse limits of one caller, section "RateLimits" (docs/enrollment-api.md, "Rate limits"): the write budgets
/// here, the window and a student's read budgets in <see cref="ReadBudgetOptions"/>, which the Notification Service
/// shares.
/// </summary>
public sealed class RateLimitOptions : ReadBudgetOptions
{
    /// <summary>Writes (POST, PUT, PATCH, DELETE) per caller per window.</summary>
    [Range(1, 1_000_000)]
    public int WritesPerWindow { get; set; } = 30;

    /// <summary>Requests that send the student an email (enrolling, cancelling) per caller per window.</summary>
    [Range(1, 1_000_000)]
    public int EmailsPerWindow { get; set; } = 10;
}
