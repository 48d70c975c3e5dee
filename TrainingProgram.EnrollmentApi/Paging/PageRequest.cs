using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace TrainingProgram.EnrollmentApi.Paging;

/// <summary>?page=1&amp;pageSize=20 on every list endpoint.</summary>
public sealed record PageRequest(
    [FromQuery(Name = "page"), Range(1, PageRequest.MaxPage)] int Page = 1,
    [FromQuery(Name = "pageSize"), Range(1, PageRequest.MaxPageSize)] int PageSize = PageRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Keeps (Page - 1) * PageSize within an int.</summary>
    public const int MaxPage = 1_000_000;

    public int Skip => (Page - 1) * PageSize;
}
