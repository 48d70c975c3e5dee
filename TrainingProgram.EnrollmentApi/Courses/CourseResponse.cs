namespace TrainingProgram.EnrollmentApi.Courses;

public sealed record CourseResponse(
    Guid Id,
    string Code,
    string Title,
    int Credits,
    int Capacity,
    int SeatsTaken,
    int SeatsLeft,
    DateTimeOffset? EnrollmentOpensAt,
    DateTimeOffset? EnrollmentClosesAt)
{
    public static CourseResponse From(Course course) => new(
        course.Id,
        course.Code,
        course.Title,
        course.Credits,
        course.Capacity,
        course.SeatsTaken,
        course.SeatsLeft,
        course.EnrollmentOpensAt,
        course.EnrollmentClosesAt);
}
