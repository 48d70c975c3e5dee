using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace TrainingProgram.ServiceDefaults.Validation;

/// <summary>
/// One line of text a person typed: names and titles end up in email subjects, headers and bodies, so control
/// characters (NUL, CR, LF, tab ...), line and paragraph separators, Unicode bidirectional overrides and broken
/// UTF-16 are refused. Letters, marks and joiners of every script pass, including ZWJ/ZWNJ.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PlainTextAttribute() : ValidationAttribute("The {0} field may not contain control, line-break or text-direction characters.")
{
    public override bool IsValid(object? value) => value switch
    {
        null => true,
        string text => IsPlainText(text),
        _ => false,
    };

    public static bool IsPlainText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllowed(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator => false,
        UnicodeCategory.Format => !IsBidiControl(c),
        _ => true,
    };

    /// <summary>ALM, LRM, RLM, the embeddings and overrides (LRE ... RLO) and the isolates (LRI ... PDI).</summary>
    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
