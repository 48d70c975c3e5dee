using System.Net;
using System.Net.Http.Json;

namespace TrainingProgram.Tests.EnrollmentApi;

public static class ProblemAssert
{
    public const string TypeBase = "https://trainingprogram.example/problems/";

    /// <summary>Asserts an RFC 9457 answer of the given status and problem type; returns it for further checks.</summary>
    public static async Task<ProblemJson> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemJson>(TestContext.Current.CancellationToken);
        Assert.NotNull(problem);
        Assert.Equal(TypeBase + type, problem.Type);
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title), body);
        Assert.StartsWith("/", problem.Instance, StringComparison.Ordinal);
        return problem;
    }

    /// <summary>A 400 validation problem whose errors name exactly these fields.</summary>
    public static async Task<ProblemJson> IsValidationProblemAsync(HttpResponseMessage response, params string[] fields)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.NotNull(problem.Errors);
        Assert.Equal(fields.Order(StringComparer.Ordinal), problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(problem.Errors.Values, messages => Assert.NotEmpty(messages));
        return problem;
    }
}
