using System.Text.Json;
using CsCheck;

namespace TrainingProgram.Tests.Fuzzing;

/// <summary>
/// Generates requests for every operation of an OpenAPI document. Each starts valid (ids that exist, values within
/// the rules) so that it reaches the rules and the database behind them, and each parameter (path, query, header) and
/// body property is swapped, one time in four, for a hostile value: boundaries, wrong types, control and bidi
/// characters, very long text, broken JSON, trace headers a gateway might add.
/// </summary>
public sealed class RequestGenerator(KnownIds knownIds)
{
    private static readonly string[] HostileTexts =
    [
        "", " ", "a", "Nul\u0000Byte", "Line\r\nBreak", "Tab\tHere", "\u202EdesreveR", "Isolate\u2066x\u2069", "Sep\u2028arator",
        "\uD800", "\uDFFF lone", "'; DROP TABLE students; --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "%2F..%2F",
        "Zoë Ødegård 李小龙 عائشة", "👩‍💻 Emoji", new string('x', 200), new string('x', 201), new string('é', 5000),
    ];

    private static readonly string[] IntegerTexts =
    [
        "0", "1", "-1", "20", "100", "101", "1000000", "1000001", "2147483647", "2147483648", "-2147483648",
        "9223372036854775808", "1e3", "1.5", "", "abc", "0x10", " 5",
    ];

    private static readonly string[] BrokenBodies =
    [
        "", "{", "}", "null", "[]", "\"text\"", "123", "{\"a\":", "{\"studentId\":}", "{'single':'quotes'}",
        new string('[', 500) + new string(']', 500), "{\"x\":" + new string('{', 100) + new string('}', 101), "\u0000",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded",
        "application/json; charset=utf-16", "application/json; charset=bogus", "application/json; charset=utf-7",
        "application/json; charset=", "application/json; charset=\"\"", "application/problem+json", "*/*", "garbage",
    ];

    /// <summary>Leaves the parameter, header or body out.</summary>
    private static readonly Gen<string> Absent = Gen.Const((string)null!);

    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.OneOf(HostileTexts)),
        (1, Gen.String),
        (1, Gen.Char.AlphaNumeric.Array[1, 16].Select(chars => new string(chars))));

    private static Gen<string> Guid => Gen.OneOf(
        Gen.Guid.Select(id => id.ToString()),
        Gen.OneOf("00000000-0000-0000-0000-000000000000", "not-a-guid", "", "{" + System.Guid.Empty + "}"),
        Text);

    /// <summary>Unique within the run: student numbers and course codes must be new to be accepted.</summary>
    private static Gen<string> NewCode => Gen.Guid.Select(id => "F" + id.ToString("N")[..12].ToUpperInvariant());

    private static Gen<string> Integer => Gen.OneOf(Gen.OneOf(IntegerTexts), Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static Gen<string> DateTime => Gen.OneOf(
        Gen.DateTimeOffset.Select(value => value.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOf("2026-13-45T99:99:99Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00", "yesterday"));

    /// <summary>A header value the client will send: ASCII, no CR or LF.</summary>
    private static Gen<string> HeaderText => Gen.OneOf(
        Gen.Char['!', '~'].Array[0, 40].Select(chars => new string(chars)),
        Gen.OneOf("", " padded ", new string('k', 201), "a\tb"));

    private static Gen<string> TraceParent => Gen.Frequency(
        (3, Gen.Select(Gen.Guid, Gen.Long, Gen.Bool, (trace, span, sampled) => $"00-{trace:N}-{span:x16}-{(sampled ? "01" : "00")}")),
        (1, Gen.OneOf("00-00000000000000000000000000000000-0000000000000000-01", "ff-abc", "", "00-zz-zz-zz")));

    private static Gen<string> TraceState => Gen.Int[1, 40].SelectMany(entries => Gen.Int[1, 250].Array[entries]
        .Select(lengths => string.Join(',', lengths.Select((length, i) => $"v{i}={new string('s', length)}"))));

    /// <summary>Requests for every operation in <paramref name="document"/>, served by <paramref name="service"/>.</summary>
    public Gen<GeneratedRequest> For(string service, JsonElement document)
    {
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s : default;
        var operations = new List<Gen<GeneratedRequest>>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                // Writes carry most of the risk: they are sampled more often than reads.
                var method = operation.Name.ToUpperInvariant();
                operations.Add(Gen.Frequency((method switch { "POST" => 4, "DELETE" => 2, _ => 1 }, Operation(service, path.Name, method, operation.Value, schemas))));
            }
        }

        return Gen.OneOf([.. operations]);
    }

    /// <summary>An operation the document does not declare: a query parameter only.</summary>
    public Gen<GeneratedRequest> ForQuery(string service, string path, string parameter, bool isGuid) =>
        Gen.Select(Gen.Frequency((4, isGuid ? Gen.Frequency((3, knownIds.Any), (1, Guid)) : Text), (1, Absent)), Headers(), (value, headers) =>
            new GeneratedRequest(service, "GET", value is null ? path : $"{path}?{parameter}={Uri.EscapeDataString(value)}", headers, null, null));

    private Gen<GeneratedRequest> Operation(string service, string pathTemplate, string method, JsonElement operation, JsonElement schemas)
    {
        var parameters = operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
        var pathParameters = parameters.Where(p => p.GetProperty("in").GetString() == "path").ToList();
        var queryParameters = parameters.Where(p => p.GetProperty("in").GetString() == "query").ToList();
        var bodySchema = operation.TryGetProperty("requestBody", out var requestBody)
            && requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
            ? Resolve(json.GetProperty("schema"), schemas)
            : (JsonElement?)null;

        var path = pathParameters.Aggregate(Gen.Const(pathTemplate), (gen, parameter) => gen.SelectMany(template =>
            ValueOf(parameter.GetProperty("name").GetString()!, parameter.GetProperty("schema"), schemas).Select(value =>
                template.Replace("{" + parameter.GetProperty("name").GetString() + "}", Uri.EscapeDataString(value), StringComparison.Ordinal))));

        var query = queryParameters.Aggregate(Gen.Const(new List<string>()), (gen, parameter) => gen.SelectMany(pairs =>
            Gen.Frequency((3, ValueOf(parameter.GetProperty("name").GetString()!, parameter.GetProperty("schema"), schemas)), (1, Absent)).Select(value =>
                value is null ? pairs : [.. pairs, $"{parameter.GetProperty("name").GetString()}={Uri.EscapeDataString(value)}"])));

        var body = bodySchema is { } schema
            ? Gen.Frequency((10, Body(schema, schemas)), (1, Gen.OneOf(BrokenBodies)), (1, Absent))
            : Gen.Frequency((6, Absent), (1, Gen.OneOf(BrokenBodies)));
        var contentType = Gen.Frequency((10, Gen.Const("application/json")), (1, Gen.OneOf(ContentTypes)), (1, Absent));

        return Gen.Select(path, query, Headers(), body, contentType, (p, q, headers, b, type) =>
            new GeneratedRequest(service, method, q.Count == 0 ? p : $"{p}?{string.Join('&', q)}", headers, b, b is null ? null : type));
    }

    private static Gen<IReadOnlyList<(string, string)>> Headers() => Gen.Select(
        Gen.Frequency((1, HeaderText), (2, Absent)),
        Gen.Frequency((1, TraceParent), (1, Absent)),
        Gen.Frequency((1, TraceState), (2, Absent)),
        (key, parent, state) => (IReadOnlyList<(string, string)>)new[]
            {
                ("Idempotency-Key", key), ("traceparent", parent), ("tracestate", state),
            }
            .Where(header => header.Item2 is not null).ToList());

    private Gen<string> Body(JsonElement schema, JsonElement schemas)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().ToList() : [];
        var members = properties.Aggregate(Gen.Const(new List<string>()), (gen, property) => gen.SelectMany(list =>
            Gen.Frequency((12, ValueOf(property.Name, property.Value, schemas).Select(v => JsonValue(property.Value, schemas, v))), (2, JunkJson()), (1, Absent))
                .Select(value => value is null ? list : [.. list, $"{JsonSerializer.Serialize(property.Name)}:{value}"])));
        return Gen.Select(members, Gen.Frequency((8, Absent), (1, JunkJson())), (list, extra) =>
            "{" + string.Join(',', extra is null ? list : [.. list, $"\"unexpected\":{extra}"]) + "}");
    }

    private static Gen<string> JunkJson() => Gen.OneOf(
        "null", "true", "0", "-1", "1e400", "1.5", "\"\"", "\"text\"", "[]", "{}", "[1,2]", "{\"nested\":{\"deeper\":[null]}}",
        "\"" + new string('x', 20_000) + "\"", "99999999999999999999999999");

    /// <summary>Three times in four a value within the rules, else a hostile one of the same kind.</summary>
    private Gen<string> ValueOf(string name, JsonElement schema, JsonElement schemas)
    {
        schema = Resolve(schema, schemas);
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var (valid, hostile) = (TypeOf(schema), format) switch
        {
            (_, "uuid") => (knownIds.For(name), Guid),
            (_, "date-time") => (Gen.Int[-400, 400].Select(days => DateTimeOffset.UtcNow.AddDays(days).ToString("O", System.Globalization.CultureInfo.InvariantCulture)), DateTime),
            ("integer", _) => (Gen.Int[1, name is "credits" ? 60 : 100].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Integer),
            _ when name.Contains("email", StringComparison.OrdinalIgnoreCase) => (Email, Text),
            _ when name is "studentNumber" or "code" => (NewCode, Text),
            _ => (Gen.Char.AlphaNumeric.Array[1, 20].Select(chars => "Name " + new string(chars)), Text),
        };
        return Gen.Frequency((3, valid), (1, hostile));
    }

    /// <summary>Valid mailboxes, so that requests reach the rules and the database behind the address check.</summary>
    private static Gen<string> Email => Gen.Char.AlphaNumeric.Array[1, 12].Select(chars => $"{new string(chars)}@example.edu");

    private static string JsonValue(JsonElement schema, JsonElement schemas, string value)
    {
        var type = TypeOf(Resolve(schema, schemas));
        return type == "integer" && long.TryParse(value, out var number) ? number.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : JsonSerializer.Serialize(value);
    }

    /// <summary>"integer", "string" ...; OpenAPI 3.1 may give ["integer", "null"] or a pattern instead.</summary>
    private static string? TypeOf(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? (schema.TryGetProperty("pattern", out _) ? "integer" : null)
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
        : type.GetString();

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas) =>
        schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } name && schemas.ValueKind == JsonValueKind.Object
            ? schemas.GetProperty(name[(name.LastIndexOf('/') + 1)..])
            : schema;
}
