using System.Diagnostics;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Telemetry;

/// <summary>What a newcomer sees in the dashboard: no error on a clean start, no noise while idle, one trace per event.</summary>
[Collection(IsolatedTopology.Name)]
public sealed class DashboardTests(IsolatedApp app) : IDisposable
{
    private static readonly string[] Services = [ResourceNames.EnrollmentApi, ResourceNames.NotificationService, ResourceNames.Identity];
    private static readonly string[] TraceSpans =
        ["POST /enrollments", "trainingprogram.enrollments publish", "notification-service.enrollments process", "smtp send"];

    private readonly EnrollmentApiClient _api = EnrollmentApiClient.For(app);

    [Fact]
    public async Task A_clean_start_logs_no_error()
    {
        await WaitUntilEveryServiceStartedAsync();

        // The AppHost's health probes run for a while after start-up; their errors would badge a service too.
        var exports = app.Telemetry.MetricExports;
        await Eventually.Until(_ => Task.FromResult(app.Telemetry.MetricExports), count => count >= exports + 30, "ten seconds of telemetry after start-up");

        Assert.Empty(app.Telemetry.Logs.Where(log => log.IsError).Select(log => $"{log.Service} {log.Category}: {log.Body}"));
    }

    [Fact]
    public async Task An_idle_topology_records_no_spans()
    {
        await WaitUntilEveryServiceStartedAsync();
        await WaitUntilQuietAsync();
        var seen = app.Telemetry.Spans.Count;
        var exports = app.Telemetry.MetricExports;

        // Each service exports metrics once a second: thirty more exports from three services are about ten seconds
        // of idling, in which the outbox relay polls ten times (its spans, had it made any, exported as well).
        await Eventually.Until(_ => Task.FromResult(app.Telemetry.MetricExports), count => count >= exports + 30, "ten seconds of metric exports");

        Assert.Empty(app.Telemetry.Spans.Skip(seen).Select(span => $"{span.Service}: {span.Name} (parent {span.ParentSpanId})"));
    }

    [Fact]
    public async Task An_enrollment_is_one_trace_from_the_request_to_the_email()
    {
        var student = await _api.CreateStudentAsync();
        var course = await _api.CreateCourseAsync();
        var traceId = ActivityTraceId.CreateRandom().ToString();

        await _api.CreateEnrollmentAsync(student.Id, course.Id, $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var trace = await Eventually.Until(
            _ => Task.FromResult(app.Telemetry.Spans.Where(span => span.TraceId == traceId).ToList()),
            // Each service exports on its own schedule, and the consumer's span ends (and is exported) after the send
            // it contains: the trace is complete once every span the assertions name has arrived.
            spans => TraceSpans.All(name => spans.Any(span => span.Name.StartsWith(name, StringComparison.Ordinal))),
            "the request's trace from the request to the email");
        var request = Assert.Single(trace, span => span.Service == ResourceNames.EnrollmentApi && span.Name.StartsWith("POST /enrollments", StringComparison.Ordinal));
        var publish = Assert.Single(trace, span => span.Name == "trainingprogram.enrollments publish");
        var process = Assert.Single(trace, span => span.Name == "notification-service.enrollments process");
        var send = Assert.Single(trace, span => span.Name == "smtp send");
        Assert.Equal((2, 4, 5, 3), (request.Kind, publish.Kind, process.Kind, send.Kind));
        Assert.Equal(request.SpanId, publish.ParentSpanId);
        Assert.Equal(publish.SpanId, process.ParentSpanId);
        Assert.Equal(ResourceNames.NotificationService, send.Service);
        Assert.Contains(trace, span => span.Service == ResourceNames.EnrollmentApi && span.Kind == 3 && span.ParentSpanId == request.SpanId);
    }

    /// <summary>
    /// Work a test before this one caused may still be exporting spans (an email sent after its request returned, a
    /// message back from the 5-second retry tier): quiet is seven seconds in which no span arrives.
    /// </summary>
    private async Task WaitUntilQuietAsync()
    {
        var (spans, exports) = (app.Telemetry.Spans.Count, app.Telemetry.MetricExports);
        await Eventually.Until(
            _ =>
            {
                if (app.Telemetry.Spans.Count != spans)
                {
                    (spans, exports) = (app.Telemetry.Spans.Count, app.Telemetry.MetricExports);
                }

                return Task.FromResult(app.Telemetry.MetricExports - exports);
            },
            quietExports => quietExports >= 21,
            "seven seconds without a span");
    }

    /// <summary>Start-up, migrations included, is over once each service has logged that it started.</summary>
    private async Task WaitUntilEveryServiceStartedAsync() => await Eventually.Until(
        _ => Task.FromResult(app.Telemetry.Logs),
        logs => Services.All(service => logs.Any(log => log.Service == service && log.Body.StartsWith("Application started", StringComparison.Ordinal))),
        "every service to log that it started");

    public void Dispose() => _api.Dispose();
}
