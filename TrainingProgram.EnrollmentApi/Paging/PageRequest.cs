namespace TrainingProgram.EnrollmentApi.Paging;

/// <summary>
/// ?page=1&amp;pageSize=20 on every list endpoint. The handlers bind and validate the two query values as
/// their own parameters: an [AsParameters] record with validation attributes breaks OpenAPI document
/// generation in ASP.NET Core 10 (dotnet/aspnetcore#65348).
/// </summary>
public sealed record PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Keeps (Page - 1) * PageSize within an int.</summary>
    public const int MaxPage = 1_000_000;

    public static PageRequest Of(int? page, int? pageSize) => new(page ?? 1, pageSize ?? DefaultPageSize);

    public int Skip => (Page - 1) * PageSize;
}
