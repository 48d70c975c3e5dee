using TrainingProgram.EnrollmentApi.Waitlist;

namespace TrainingProgram.EnrollmentApi.Courses;

/// <param name="SeatsLeft">Free seats: capacity less the seats taken and those held by open waitlist offers.</param>
/// <param name="SeatsHeld">Seats held for waitlisted students by open offers.</param>
/// <param name="WaitlistLength">Students waiting (not counting those holding an offer).</param>
public sealed record CourseResponse(
    Guid Id,
    string Code,
    string Title,
    int Credits,
    int Capacity,
    int SeatsTaken,
    int SeatsLeft,
    DateTimeOffset? EnrollmentOpensAt,
    DateTimeOffset? EnrollmentClosesAt,
    int SeatsHeld,
    int WaitlistCapacity,
    int WaitlistLength,
    WaitlistPromotion WaitlistPromotion)
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
        course.EnrollmentClosesAt,
        course.SeatsHeld,
        course.WaitlistCapacity,
        course.WaitlistLength,
        course.WaitlistPromotion);
}
