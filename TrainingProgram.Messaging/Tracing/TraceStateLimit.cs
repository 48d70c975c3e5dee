namespace TrainingProgram.Messaging.Tracing;

/// <summary>
/// Shortens a W3C <c>tracestate</c> the way the Trace Context spec allows (section 3.3.1.5): entries longer than
/// 128 characters go first, then entries from the end, until the rest fits. A request's trace context is
/// stored beside its event, and a header a gateway lengthened must never fail the request.
/// </summary>
public static class TraceStateLimit
{
    public const int MaxLength = 512;
    private const int LongEntry = 128;

    public static string? Apply(string? traceState, int maxLength = MaxLength)
    {
        if (traceState is null || traceState.Length <= maxLength)
        {
            return traceState;
        }

        var entries = traceState
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(entry => entry.Length <= LongEntry)
            .ToList();
        var length = entries.Sum(entry => entry.Length) + Math.Max(0, entries.Count - 1);
        while (length > maxLength)
        {
            length -= entries[^1].Length + (entries.Count > 1 ? 1 : 0);
            entries.RemoveAt(entries.Count - 1);
        }

        return entries.Count == 0 ? null : string.Join(',', entries);
    }
}
