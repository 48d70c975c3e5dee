using Microsoft.AspNetCore.Identity;

namespace TrainingProgram.Identity.Accounts;

/// <summary>
/// User names (student numbers, "registrar") and role names compare exactly, as the Enrollment API compares
/// student numbers: S1001 and s1001 are two records there, so they are two accounts here, and "s1001" does not sign
/// in as S1001. Email addresses still compare case-insensitively.
/// </summary>
public sealed class ExactUserNames : ILookupNormalizer
{
    public string? NormalizeName(string? name) => name;

    public string? NormalizeEmail(string? email) => email?.Normalize().ToUpperInvariant();
}
