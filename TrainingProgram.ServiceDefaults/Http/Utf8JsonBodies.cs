using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TrainingProgram.ServiceDefaults.Http;

/// <summary>
/// JSON bodies are UTF-8 (RFC 8259). One declared in another charset, or in one .NET does not know
/// (<c>charset=bogus</c>), gets 415 problem details before anything reads it; the JSON reader would otherwise throw
/// and the request would end as a 500.
/// </summary>
public static class Utf8JsonBodies
{
    public static WebApplication UseUtf8JsonBodies(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
                && type.MediaType.Value is { } mediaType
                && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
                && type.Charset.HasValue
                && type.Charset.Value?.Trim('"') is var charset
                && !string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase))
            {
                await ProblemResponses.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type",
                    "Unsupported media type", $"JSON bodies must be UTF-8; this one says charset={charset}.");
                return;
            }

            await next(http);
        });
        return app;
    }
}
