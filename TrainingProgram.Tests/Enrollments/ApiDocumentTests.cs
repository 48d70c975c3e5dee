using System.Net;
using System.Text.Json;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Enrollments;

[Collection(SharedTopology.Name)]
public sealed class ApiDocumentTests(TrainingProgramApp topology)
{
    [Fact]
    public async Task The_openapi_document_lists_every_endpoint()
    {
        using var api = EnrollmentApiClient.For(topology);

        var document = await api.GetAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/students:post", "/students:get", "/students/{id}:get", "/students/{id}/enrollments:get",
            "/courses:post", "/courses:get", "/courses/{id}:get", "/courses/{id}/enrollments:get",
            "/enrollments:post", "/enrollments/{id}:get", "/enrollments/{id}:delete",
        ];
        var actual = paths.EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{path.Name}:{operation.Name}"))
            .ToHashSet();
        Assert.Subset(actual, expected.ToHashSet());
        Assert.Equal(
            "Idempotency-Key",
            paths.GetProperty("/enrollments").GetProperty("post").GetProperty("parameters")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_api_reference_is_served_in_development()
    {
        using var api = EnrollmentApiClient.For(topology);

        using var response = await api.Http.GetAsync("/scalar", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Scalar", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
