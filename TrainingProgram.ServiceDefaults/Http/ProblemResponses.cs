using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace TrainingProgram.ServiceDefaults.Http;

/// <summary>Problem details written from middleware, in the services' house style (type, title, detail, instance).</summary>
internal static class ProblemResponses
{
    public const string TypeBase = "https://trainingprogram.example/problems/";

    public static async Task WriteAsync(HttpContext http, int status, string type, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Type = TypeBase + type,
                Status = status,
                Title = title,
                Detail = detail,
                Instance = http.Request.Path,
            },
        });
    }
}
