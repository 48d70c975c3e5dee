using System.Diagnostics;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Background housekeeping (polls that usually find nothing, purges) should not fill the dashboard's Traces page
/// with a trace a second. Inside this scope, spans that would start a new trace (database commands, HTTP calls)
/// get an unsampled parent, so the default parent-based sampler drops them; a span given an explicit parent, such
/// as a publish that continues its event's stored trace, is recorded as usual. Logs are kept (suppressing
/// instrumentation altogether would drop them too).
/// </summary>
public static class UntracedWork
{
    public static IDisposable Begin(string name)
    {
        var scope = new Activity(name);
        scope.SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);
        return scope.Start();
    }
}
