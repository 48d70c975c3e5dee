using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TrainingProgram.EnrollmentApi.ApiDocument;

/// <summary>What the document says about itself: the API, its server, its tags, and the problem details schema every error answer uses.</summary>
public sealed class DocumentDescriptionTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Students"] = "Student records. Registrars register and list students; a student reads only their own record.",
        ["Courses"] = "The course catalogue with seats taken and left. Everyone reads it; registrars create courses and read rosters.",
        ["Enrollments"] = "A student's seat in a course. Enrolling and cancelling email the student, so they have a stricter rate limit.",
        ["Waitlist"] = "A student's place in a full course's line: its position, the seat offered when one frees (with a claim deadline), accepting or declining it.",
    };

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "TrainingProgram Enrollment API";
        document.Info.Description =
            "Students, courses and enrollments. Every operation needs an access token of the identity provider " +
            "(see the security schemes); errors are RFC 9457 problem details whose `type` clients branch on.";

        // Relative to where the document was fetched: the address the reader uses (behind Aspire's proxy in the
        // topology), not the port Kestrel listens on, which a browser page on the proxied address could not call.
        document.Servers = [new OpenApiServer { Url = "/", Description = "This API, where this document was fetched from" }];

        foreach (var tag in document.Tags?.AsEnumerable() ?? [])
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        // The 401, 403 and 429 answers refer to it; endpoints that declare problems of their own usually created it already.
        var problemDetails = nameof(ProblemDetails);
        if (document.Components?.Schemas?.ContainsKey(problemDetails) != true)
        {
            document.AddComponent(problemDetails, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken));
        }
    }
}
