using System.Net;
using System.Net.Http.Json;
using TrainingProgram.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(TrainingProgramTopology))]
[assembly: ResourceLogsOnFailure]

namespace TrainingProgram.Samples.Tests;

public class EnrollmentEmailTests(TrainingProgramTopology topology)
{
    [Fact]
    public async Task A_student_who_enrolls_gets_one_confirmation_email()
    {
        var course = await topology.CreateCourseAsync(capacity: 10);
        var student = await topology.CreateStudentAsync();
        using var api = await topology.SignInAsync(student, ResourceNames.EnrollmentApi);

        using var response = await api.PostAsJsonAsync("/enrollments",
            new { studentId = student.Id, courseId = course.Id }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var email = await topology.Inbox.WaitForExactlyOneAsync(student.Email);
        Assert.Equal($"Enrollment confirmed: {course.Code} {course.Title}", email.Subject);
    }
}
