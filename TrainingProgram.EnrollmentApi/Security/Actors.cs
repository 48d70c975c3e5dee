namespace TrainingProgram.EnrollmentApi.Security;

/// <summary>The acting subject recorded with each change.</summary>
public static class Actors
{
    /// <summary>Long enough for any OIDC provider's <c>sub</c> (Entra ID's pairwise ids are 43 characters).</summary>
    public const int MaxLength = 255;

    /// <summary>The actor of what the waitlist does by itself: offers that expire, automatic promotions.</summary>
    public const string Waitlist = "trainingprogram:waitlist";
}
