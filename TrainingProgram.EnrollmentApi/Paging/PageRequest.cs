using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace TrainingProgram.EnrollmentApi.Paging;

/// <summary>?page=1&amp;pageSize=20 on every list endpoint.</summary>
public sealed class PageRequest
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Keeps (Page - 1) * PageSize within an int.</summary>
    public const int MaxPage = 1_000_000;

    [FromQuery(Name = "page"), Range(1, MaxPage)]
    public int Page { get; init; } = 1;

    [FromQuery(Name = "pageSize"), Range(1, MaxPageSize)]
    public int PageSize { get; init; } = DefaultPageSize;

    public int Skip => (Page - 1) * PageSize;
}
