using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Identity;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Security;

/// <summary>
/// A student as the product knows them: a record the registrar created in the Enrollment API, a sign-in account
/// with the same student number and email at the identity provider, and a token from the code + PKCE flow.
/// </summary>
public sealed class SignedInStudent : IDisposable
{
    private SignedInStudent(StudentJson record, string accessToken, EnrollmentApiClient api, HttpClient notifications)
    {
        Record = record;
        AccessToken = accessToken;
        Api = api;
        Notifications = notifications;
    }

    public StudentJson Record { get; }

    public string AccessToken { get; }

    /// <summary>The Enrollment API with this student's token.</summary>
    public EnrollmentApiClient Api { get; }

    /// <summary>The Notification Service with this student's token.</summary>
    public HttpClient Notifications { get; }

    public static async Task<SignedInStudent> CreateAsync(TrainingProgramApp app, EnrollmentApiClient registrar)
    {
        var record = await registrar.CreateStudentAsync(fullName: "Signed-in Student");
        var password = Guid.NewGuid().ToString("N");
        await app.Identity.CreateStudentAccountAsync(record.Id, password);
        var token = await app.Identity.GetStudentTokenAsync(record.StudentNumber, password);
        return new SignedInStudent(
            record, token,
            new EnrollmentApiClient(app.CreateClient(ResourceNames.EnrollmentApi, token)),
            app.CreateClient(ResourceNames.NotificationService, token));
    }

    public void Dispose()
    {
        Api.Dispose();
        Notifications.Dispose();
    }
}
