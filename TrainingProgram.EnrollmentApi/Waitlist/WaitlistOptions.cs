using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>Configuration section <c>Waitlist</c> (docs/waitlists.md).</summary>
public sealed class WaitlistOptions
{
    public const string Section = "Waitlist";

    /// <summary>How long an offered seat is held for the student: the claim deadline is the offer's time plus this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ClaimPeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The longest the expiry of offers waits between two looks at the database; it also wakes at the next known
    /// deadline, so an offer lapses within about a second of its deadline. Offers made by another replica are seen
    /// at the next look.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ExpiryPollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
