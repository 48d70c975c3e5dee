using System.Diagnostics;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Telemetry;

/// <summary>What a newcomer sees in the dashboard: no error on a clean start, no noise while idle, one trace per event.</summary>
[Collection(ObservedTopology.Name)]
public sealed class DashboardTests(ObservedApp app) : IDisposable
{
    private static readonly string[] Services = [TrainingProgramApp.EnrollmentApi, TrainingProgramApp.NotificationService];
    private readonly EnrollmentApiClient _api = EnrollmentApiClient.For(app);

    [Fact]
    public async Task A_clean_start_logs_no_error()
    {
        await WaitUntilBothServicesStartedAsync();

        Assert.Empty(app.Telemetry.Logs.Where(log => log.IsError).Select(log => $"{log.Service} {log.Category}: {log.Body}"));
    }

    [Fact]
    public async Task An_idle_topology_starts_no_traces()
    {
        await WaitUntilBothServicesStartedAsync();
        var seen = app.Telemetry.Spans.Count;
        var exports = app.Telemetry.MetricExports;

        // Each service exports metrics once a second: twelve more exports are about six seconds of idling, in which
        // the outbox relay polls six times (and its traces, had it made any, were exported as well).
        await Eventually.Until(_ => Task.FromResult(app.Telemetry.MetricExports), count => count >= exports + 12, "six seconds of metric exports");

        Assert.Empty(app.Telemetry.Spans.Skip(seen).Where(span => span.IsRoot).Select(span => $"{span.Service}: {span.Name}"));
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
            spans => spans.Any(span => span.Name == "smtp send"),
            "the email's span in the request's trace");
        var request = Assert.Single(trace, span => span.Service == TrainingProgramApp.EnrollmentApi && span.Name.StartsWith("POST /enrollments", StringComparison.Ordinal));
        var publish = Assert.Single(trace, span => span.Name == "trainingprogram.enrollments publish");
        var process = Assert.Single(trace, span => span.Name == "notification-service.enrollments process");
        var send = Assert.Single(trace, span => span.Name == "smtp send");
        Assert.Equal((2, 4, 5, 3), (request.Kind, publish.Kind, process.Kind, send.Kind));
        Assert.Equal(request.SpanId, publish.ParentSpanId);
        Assert.Equal(publish.SpanId, process.ParentSpanId);
        Assert.Equal(TrainingProgramApp.NotificationService, send.Service);
        Assert.Contains(trace, span => span.Service == TrainingProgramApp.EnrollmentApi && span.Kind == 3 && span.ParentSpanId == request.SpanId);
    }

    /// <summary>Start-up, migrations included, is over once each service has logged that it started.</summary>
    private async Task WaitUntilBothServicesStartedAsync() => await Eventually.Until(
        _ => Task.FromResult(app.Telemetry.Logs),
        logs => Services.All(service => logs.Any(log => log.Service == service && log.Body.StartsWith("Application started", StringComparison.Ordinal))),
        "both services to log that they started");

    public void Dispose() => _api.Dispose();
}
