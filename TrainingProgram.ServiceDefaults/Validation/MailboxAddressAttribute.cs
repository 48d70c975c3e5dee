using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace TrainingProgram.ServiceDefaults.Validation;

/// <summary>
/// A single plain mailbox such as <c>ada@example.edu</c>. Stricter than [EmailAddress], which accepts anything
/// with one '@' in the middle: confirmation mail is sent to this address, so it must parse as one address and
/// nothing more (no display name, no list). The API's students and the identity provider's accounts share the rule,
/// since the address both hold for one student must be valid in both.
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

    public static bool IsMailbox(string text) =>
        MailAddress.TryCreate(text, out var address)
        && address.Address == text
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');
}
