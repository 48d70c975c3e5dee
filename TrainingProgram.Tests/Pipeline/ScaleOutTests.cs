using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Pipeline;

/// <summary>
/// Two replicas of each service: competing consumers, a shared outbox relay, one identity provider address. No server
/// is stopped here, so the outbox may give up on an unroutable event after <see cref="UnroutableGiveUpAfter"/> (a
/// broker restart can return events for a moment while queues are declared again). Access tokens expire after
/// <see cref="AccessTokenLifetime"/> with no clock skew allowed (the kit renews its own halfway), for the expiry test.
/// </summary>
public sealed class ScaleOutApp : TrainingProgramApp
{
    public static readonly TimeSpan UnroutableGiveUpAfter = TimeSpan.FromSeconds(3);

    /// <summary>The shortest the identity provider accepts.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Six service processes start after the servers, on two cores shared with the other topologies of the run: under
    /// that load the start has been seen to pass the default 5 minutes (every replica listening, the last ones not yet
    /// healthy), so this topology gets 10.
    /// </summary>
    public override TopologyTimeouts Timeouts { get; } = TopologyTimeouts.Default with { Start = TimeSpan.FromMinutes(10) };

    protected override IEnumerable<string> AppHostArguments =>
        [.. base.AppHostArguments, "--Replicas:enrollment-api=2", "--Replicas:notification-service=2", "--Replicas:identity=2"];

    protected override void Configure(IDistributedApplicationTestingBuilder builder) => builder
        .WithSetting(ResourceNames.EnrollmentApi, "Outbox__UnroutableGiveUpAfter", UnroutableGiveUpAfter)
        .WithSetting(ResourceNames.Identity, "Identity__AccessTokenLifetime", AccessTokenLifetime)
        .WithSetting(ResourceNames.EnrollmentApi, "Identity__ClockSkew", TimeSpan.Zero)
        .WithSetting(ResourceNames.NotificationService, "Identity__ClockSkew", TimeSpan.Zero)
        // Six services and the servers on two cores: smtp4dev's reply to a message can take longer than the default 4 s,
        // and a reply that never came is retried, so the student gets the email twice (seen here; see the README's
        // known limits). The exact count is the point of this topology's main test, so the wait is longer here.
        .WithSetting(ResourceNames.NotificationService, "Notifications__SmtpTimeout", TimeSpan.FromSeconds(15));
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

        var emails = await inbox.WaitForExactlyAsync([.. students.Select(s => s.Email)], 100, TimeSpan.FromSeconds(120));
        Assert.Equal(100, emails.Count);
        Assert.Equal(100, emails.Select(e => e.To.Single()).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var model = app.App.Services.GetRequiredService<DistributedApplicationModel>();
        Assert.All(
            model.Resources.OfType<ProjectResource>(),
            project => Assert.Equal(2, project.Annotations.OfType<ReplicaAnnotation>().Single().Replicas));
    }
}
