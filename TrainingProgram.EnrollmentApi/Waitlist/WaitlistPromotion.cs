using System.Text.Json.Serialization;

namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>What a course does with a freed seat when students are waiting (per course).</summary>
[JsonConverter(typeof(NamesOnlyEnumConverter<WaitlistPromotion>))]
public enum WaitlistPromotion
{
    /// <summary>
    /// The default: the first in line is offered the seat and has until the claim deadline to accept. A student who
    /// joined weeks ago may have planned around the course since; enrolling them unasked would take a seat they may
    /// not want and send them a cancellation chore, so the choice stays theirs and the deadline keeps the line moving.
    /// </summary>
    Offer,

    /// <summary>The first in line is enrolled at once (the usual confirmation email), as Kuali's automatic mode.</summary>
    Automatic,
}
