using System.ComponentModel.DataAnnotations;
using TrainingProgram.EnrollmentApi.Courses;

namespace TrainingProgram.UnitTests.Courses;

public sealed class CourseRulesTests
{
    private static readonly DateTimeOffset Opens = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2026, 9, 15, 8, 0, 0, TimeSpan.Zero);

    private static Course WithWindow(DateTimeOffset? opens, DateTimeOffset? closes) =>
        new CreateCourseRequest("CS1", "T", 5, 10, opens, closes).ToCourse(Opens);

    [Fact]
    public void The_window_includes_its_opening_instant_and_excludes_its_closing_one()
    {
        var course = WithWindow(Opens, Closes);

        Assert.Equal(EnrollmentWindowState.NotYetOpen, course.EnrollmentWindowAt(Opens.AddTicks(-1)));
        Assert.Equal(EnrollmentWindowState.Open, course.EnrollmentWindowAt(Opens));
        Assert.Equal(EnrollmentWindowState.Open, course.EnrollmentWindowAt(Closes.AddTicks(-1)));
        Assert.Equal(EnrollmentWindowState.Closed, course.EnrollmentWindowAt(Closes));
    }

    [Fact]
    public void A_missing_bound_leaves_that_side_open()
    {
        Assert.Equal(EnrollmentWindowState.Open, WithWindow(null, null).EnrollmentWindowAt(DateTimeOffset.MinValue));
        Assert.Equal(EnrollmentWindowState.Open, WithWindow(null, Closes).EnrollmentWindowAt(DateTimeOffset.MinValue));
        Assert.Equal(EnrollmentWindowState.Open, WithWindow(Opens, null).EnrollmentWindowAt(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void A_window_must_open_before_it_closes()
    {
        var backwards = new CreateCourseRequest("CS1", "T", 5, 10, Closes, Opens);
        var empty = new CreateCourseRequest("CS1", "T", 5, 10, Opens, Opens);
        var fine = new CreateCourseRequest("CS1", "T", 5, 10, Opens, Closes);

        Assert.Equal(["EnrollmentClosesAt"], backwards.Validate(new ValidationContext(backwards)).SelectMany(r => r.MemberNames));
        Assert.Single(empty.Validate(new ValidationContext(empty)));
        Assert.Empty(fine.Validate(new ValidationContext(fine)));
    }

    [Fact]
    public void Codes_are_stored_upper_case_and_times_in_utc()
    {
        var local = new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.FromHours(2));

        var course = new CreateCourseRequest(" cs101 ", "T", 5, 10, local).ToCourse(Opens);

        Assert.Equal("CS101", course.Code);
        Assert.Equal(TimeSpan.Zero, course.EnrollmentOpensAt?.Offset);
        Assert.Equal(local, course.EnrollmentOpensAt);
        Assert.Equal((0, 10), (course.SeatsTaken, course.SeatsLeft));
    }
}
