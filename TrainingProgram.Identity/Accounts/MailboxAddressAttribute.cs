using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace TrainingProgram.Identity.Accounts;

/// <summary>
/// A single plain mailbox such as <c>ada@example.edu</c>, by the same rule as the Enrollment API's student email
/// (stricter than [EmailAddress]): the address both services hold for one student must be valid in both.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MailboxAddressAttribute() : ValidationAttribute("The {0} field is not a valid email address.")
{
    public override bool IsValid(object? value) => value switch
    {
        null => true,
        string text => IsMailbox(text.Trim()),
        _ => false,
    };

    private static bool IsMailbox(string text) =>
        MailAddress.TryCreate(text, out var address)
        && address.Address == text
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');
}
