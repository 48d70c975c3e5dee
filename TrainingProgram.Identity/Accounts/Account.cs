using Microsoft.AspNetCore.Identity;

namespace TrainingProgram.Identity.Accounts;

/// <summary>A person who signs in: a registrar, or a student linked to one student record of the Enrollment API.</summary>
public sealed class Account : IdentityUser
{
    public const int StudentNumberMaxLength = 32;
    public const int DisplayNameMaxLength = 200;
    public const int EmailMaxLength = 254;

    /// <summary>The Enrollment API's student number (e.g. S1001) for a student; null for anyone else.</summary>
    public string? StudentNumber { get; set; }

    /// <summary>The person's name as the <c>name</c> claim carries it.</summary>
    public required string DisplayName { get; set; }
}
