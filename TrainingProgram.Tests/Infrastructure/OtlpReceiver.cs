using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// An OTLP/HTTP (protobuf) endpoint in the test process, standing where the dashboard would: it keeps the spans and
/// log records the services export, so a test can assert what a developer would see on the Traces and Structured
/// logs pages. Only the fields the tests read are decoded.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedLog> _logs = new();
    private readonly Task _serving;
    private int _metricExports;

    public OtlpReceiver()
    {
        Endpoint = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    public IReadOnlyList<ReceivedLog> Logs => [.. _logs];

    /// <summary>How many metric exports arrived: each service exports once a second, so this counts time passing with telemetry flowing.</summary>
    public int MetricExports => Volatile.Read(ref _metricExports);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var payload = ByteString.CopyFrom(body.ToArray());
            switch (context.Request.Url?.AbsolutePath)
            {
                case "/v1/traces":
                    foreach (var span in ReadSpans(payload))
                    {
                        _spans.Enqueue(span);
                    }

                    break;
                case "/v1/logs":
                    foreach (var log in ReadLogs(payload))
                    {
                        _logs.Enqueue(log);
                    }

                    break;
                case "/v1/metrics":
                    Interlocked.Increment(ref _metricExports);
                    break;
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    // ExportTraceServiceRequest { resource_spans = 1 } ResourceSpans { resource = 1, scope_spans = 2 }
    // ScopeSpans { scope = 1, spans = 2 } Span { trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, kind = 6 }
    private static IEnumerable<ReceivedSpan> ReadSpans(ByteString request) =>
        from resourceSpans in Fields(request, 1)
        let service = ServiceName(resourceSpans)
        from scopeSpans in Fields(resourceSpans, 2)
        from span in Fields(scopeSpans, 2)
        select new ReceivedSpan(
            service,
            Hex(Fields(span, 1).FirstOrDefault()),
            Hex(Fields(span, 2).FirstOrDefault()),
            Hex(Fields(span, 4).FirstOrDefault()),
            Fields(span, 5).FirstOrDefault()?.ToStringUtf8() ?? "",
            (int)Varint(span, 6));

    // ExportLogsServiceRequest { resource_logs = 1 } ResourceLogs { resource = 1, scope_logs = 2 }
    // ScopeLogs { scope = 1 (name = 1: the logger category), log_records = 2 } LogRecord { severity_number = 2, body = 5 }
    private static IEnumerable<ReceivedLog> ReadLogs(ByteString request) =>
        from resourceLogs in Fields(request, 1)
        let service = ServiceName(resourceLogs)
        from scopeLogs in Fields(resourceLogs, 2)
        let category = Fields(scopeLogs, 1).Select(scope => Fields(scope, 1).FirstOrDefault()?.ToStringUtf8()).FirstOrDefault() ?? ""
        from record in Fields(scopeLogs, 2)
        select new ReceivedLog(
            service,
            category,
            (int)Varint(record, 2),
            Fields(record, 5).Select(body => Fields(body, 1).FirstOrDefault()?.ToStringUtf8()).FirstOrDefault() ?? "");

    // Resource { attributes = 1 } KeyValue { key = 1, value = 2 } AnyValue { string_value = 1 }
    private static string ServiceName(ByteString resourceItems) =>
        (from resource in Fields(resourceItems, 1)
         from attribute in Fields(resource, 1)
         where Fields(attribute, 1).FirstOrDefault()?.ToStringUtf8() == "service.name"
         select Fields(attribute, 2).Select(value => Fields(value, 1).FirstOrDefault()?.ToStringUtf8()).FirstOrDefault())
        .FirstOrDefault() ?? "";

    /// <summary>The length-delimited values of field <paramref name="number"/> of a message.</summary>
    private static List<ByteString> Fields(ByteString message, int number)
    {
        var values = new List<ByteString>();
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                values.Add(input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return values;
    }

    private static ulong Varint(ByteString message, int number)
    {
        var input = message.CreateCodedInput();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                return input.ReadUInt64();
            }

            input.SkipLastField();
        }

        return 0;
    }

    private static string Hex(ByteString? bytes) => bytes is null || bytes.IsEmpty ? "" : Convert.ToHexStringLower(bytes.Span);

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}

/// <summary>A span as the dashboard lists it; <see cref="Kind"/> is OTLP's (2 server, 3 client, 4 producer, 5 consumer).</summary>
public sealed record ReceivedSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind)
{
    public bool IsRoot => ParentSpanId.Length == 0;
}

/// <summary>A log record; <see cref="SeverityNumber"/> 17 and above is an error, which the dashboard badges.</summary>
public sealed record ReceivedLog(string Service, string Category, int SeverityNumber, string Body)
{
    public bool IsError => SeverityNumber >= 17;
}
