using System.Text;

namespace TrainingProgram.Tests.Fuzzing;

/// <summary>One generated HTTP request; printed in full when it finds a failure.</summary>
public sealed record GeneratedRequest(
    string Service, string Method, string PathAndQuery, IReadOnlyList<(string Name, string Value)> Headers, string? Body, string? ContentType)
{
    public HttpRequestMessage ToHttpRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return request;
    }

    public override string ToString()
    {
        var body = Body is null ? "(no body)" : Body.Length > 300 ? $"{Body[..300]}... ({Body.Length} chars)" : Body;
        var headers = string.Join("; ", Headers.Select(h => $"{h.Name}: {(h.Value.Length > 80 ? h.Value[..80] + "..." : h.Value)}"));
        return $"{Service} {Method} {PathAndQuery} [{headers}] Content-Type: {ContentType ?? "(none)"} {body}";
    }
}
