using System.Diagnostics;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Pipeline;

/// <summary>Outages of the consumer, the broker and the mail server, end to end from the API.</summary>
[Collection(FaultTopology.Name)]
public sealed class PipelineFaultTests(FaultsApp app) : IAsyncLifetime, IDisposable
{
    public ValueTask InitializeAsync() => new(app.RestoreAllAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;


    /// <summary>Enrollment must never wait on notification: generous for a loaded 2-core CI machine, far below any retry loop.</summary>
    private static readonly TimeSpan QuickEnough = TimeSpan.FromSeconds(10);

    private readonly EnrollmentApiClient _api = new(app.CreateRegistrarClient(ResourceNames.EnrollmentApi));
    private readonly DevInbox _inbox = app.Inbox;

    [Fact]
    public async Task Events_wait_in_the_queue_while_the_consumer_is_down_and_are_each_emailed_once_when_it_returns()
    {
        await app.StopResourceAsync(ResourceNames.NotificationService);
        var course = await _api.CreateCourseAsync(capacity: 20);
        var students = await CreateStudentsAsync(20);
        var queuedBefore = await app.Queues.ReadyMessagesAsync(BrokerQueues.Notifications, TestContext.Current.CancellationToken);

        var elapsed = await EnrollAllAsync(students, course.Id);

        Assert.True(elapsed < QuickEnough, $"20 enrollments took {elapsed}");
        await Eventually.Until(
            ct => app.Queues.ReadyMessagesAsync(BrokerQueues.Notifications, ct),
            ready => ready >= queuedBefore + 20,
            "20 more messages in the notification queue");
        Assert.Empty(await _inbox.ToAsync(students.Select(s => s.Email), TestContext.Current.CancellationToken));

        await app.StartResourceAsync(ResourceNames.NotificationService);

        await AssertEachGotOneEmailAsync(students);
        await Eventually.Until(
            ct => app.Queues.ReadyMessagesAsync(BrokerQueues.Notifications, ct),
            ready => ready == 0,
            "the notification queue to drain");
    }

    [Fact]
    public async Task Enrollments_succeed_while_the_broker_is_down_and_every_event_is_delivered_once_after_it_returns()
    {
        var course = await _api.CreateCourseAsync(capacity: 10);
        var students = await CreateStudentsAsync(10);
        await app.StopResourceAsync(ResourceNames.Messaging);

        var elapsed = await EnrollAllAsync(students, course.Id);

        Assert.True(elapsed < QuickEnough, $"10 enrollments took {elapsed}");
        await app.StartResourceAsync(ResourceNames.Messaging);
        await AssertEachGotOneEmailAsync(students, TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task Enrollments_succeed_while_the_mail_server_is_down_and_the_emails_arrive_after_it_returns()
    {
        await app.StopResourceAsync(ResourceNames.Mail);
        var course = await _api.CreateCourseAsync(capacity: 5);
        var students = await CreateStudentsAsync(5);

        var elapsed = await EnrollAllAsync(students, course.Id);

        Assert.True(elapsed < QuickEnough, $"5 enrollments took {elapsed}");
        await app.StartResourceAsync(ResourceNames.Mail);
        await AssertEachGotOneEmailAsync(students, TimeSpan.FromSeconds(120));
    }

    private async Task<StudentJson[]> CreateStudentsAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => _api.CreateStudentAsync()));

    private async Task<TimeSpan> EnrollAllAsync(IEnumerable<StudentJson> students, Guid courseId)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(students.Select(s => _api.CreateEnrollmentAsync(s.Id, courseId)));
        return stopwatch.Elapsed;
    }

    private async Task AssertEachGotOneEmailAsync(StudentJson[] students, TimeSpan? timeout = null)
    {
        var emails = await _inbox.WaitForExactlyAsync([.. students.Select(s => s.Email)], students.Length, timeout);
        Assert.Equal(students.Length, emails.Count);
        Assert.All(students, s => Assert.Single(emails, e => e.To.Contains(s.Email)));
    }

    public void Dispose() => _api.Dispose();
}
