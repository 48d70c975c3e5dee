using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.Benchmarks.WolverinePeer.Courses;

public sealed record CreateCourseRequest(
    [Required, StringLength(32)] string Code,
    [Required, StringLength(200)] string Title,
    [Range(1, 60)] int Credits,
    [Range(1, 10_000)] int Capacity)
{
    public Course ToCourse() => new()
    {
        Id = Guid.CreateVersion7(),
        Code = Code.Trim(),
        Title = Title.Trim(),
        Credits = Credits,
        Capacity = Capacity,
    };
}
