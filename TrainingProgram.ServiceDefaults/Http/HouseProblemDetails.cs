using Microsoft.AspNetCore.Http;

namespace TrainingProgram.ServiceDefaults.Http;

/// <summary>
/// What every service's problem details have in common: the request path as instance, the house type for a
/// validation problem, a body over the limit and a content type the endpoint does not take (413, 415), whoever
/// wrote the answer (an endpoint, the framework, a status code page).
/// </summary>
public static class HouseProblemDetails
{
    public const string ValidationType = ProblemResponses.TypeBase + "validation";
    public const string UnsupportedMediaType = ProblemResponses.TypeBase + "unsupported-media-type";

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        if (problem is HttpValidationProblemDetails)
        {
            problem.Type = ValidationType;
        }
        else if (problem.Status == StatusCodes.Status413PayloadTooLarge)
        {
            RequestBodyLimit.DescribeTooLarge(problem);
        }
        else if (problem.Status == StatusCodes.Status415UnsupportedMediaType && problem.Type != UnsupportedMediaType)
        {
            problem.Type = UnsupportedMediaType;
            problem.Detail ??= "This endpoint takes a JSON body: send it with Content-Type: application/json.";
        }
    }
}
