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

    /// <summary>
    /// How deep into a list pages are served: the database reads and skips every item before a page, so a deep
    /// page costs as much as reading the whole list up to it (<see cref="PageDepthLimit"/>).
    /// </summary>
    public const int MaxDepth = 10_000;

    /// <summary>The highest page number any page size allows (page size 1).</summary>
    public const int MaxPage = MaxDepth;

    public static PageRequest Of(int? page, int? pageSize) => new(page ?? 1, pageSize ?? DefaultPageSize);

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Whether the page's last item lies beyond <see cref="MaxDepth"/>.</summary>
    public bool IsTooDeep => (long)Page * PageSize > MaxDepth;
}
