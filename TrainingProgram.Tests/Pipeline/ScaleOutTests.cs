using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Pipeline;

/// <summary>
/// Two replicas of each service: competing consumers, a shared outbox relay, one identity provider address. No server
/// is stopped here, so the outbox may give up on an unroutable event after <see cref="UnroutableGiveUpAfter"/> (a
/// broker restart can return events for a moment while queues are declared again).
/// </summary>
public sealed class ScaleOutApp : TrainingProgramApp
{
    public static readonly TimeSpan UnroutableGiveUpAfter = TimeSpan.FromSeconds(3);

    protected override IEnumerable<string> AppHostArguments =>
        ["--Replicas:enrollment-api=2", "--Replicas:notification-service=2", "--Replicas:identity=2"];

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        var api = builder.Resources.OfType<ProjectResource>().Single(project => project.Name == EnrollmentApi);
        builder.CreateResourceBuilder(api)
            .WithEnvironment("Outbox__UnroutableGiveUpAfter", UnroutableGiveUpAfter.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
    }
}

[CollectionDefinition(Name)]
public sealed class ScaleOutTopology : ICollectionFixture<ScaleOutApp>
{
    public const string Name = "Scale-out topology";
}

[Collection(ScaleOutTopology.Name)]
public sealed class ScaleOutTests(ScaleOutApp app)
{
    [Fact]
    public async Task With_two_replicas_of_each_service_100_enrollments_give_exactly_100_emails()
    {
        using var api = EnrollmentApiClient.For(app);
        var inbox = app.Inbox;
        var course = await api.CreateCourseAsync(capacity: 100);
        var students = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => api.CreateStudentAsync()));

        await Task.WhenAll(students.Select(s => api.CreateEnrollmentAsync(s.Id, course.Id)));

        var emails = await inbox.WaitForAsync([.. students.Select(s => s.Email)], 100, TimeSpan.FromSeconds(120));
        Assert.Equal(100, emails.Count);
        Assert.Equal(100, emails.Select(e => e.To.Single()).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var model = app.App.Services.GetRequiredService<DistributedApplicationModel>();
        Assert.All(
            model.Resources.OfType<ProjectResource>(),
            project => Assert.Equal(2, project.Annotations.OfType<ReplicaAnnotation>().Single().Replicas));
    }
}
