using System.Diagnostics;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;
using TrainingProgram.Tests.Notifications;

namespace TrainingProgram.Tests.Pipeline;

/// <summary>
/// The guarantee for outages of any length: the SMTP server and notificationdb each stay down for
/// <see cref="LongOutagesApp.Outage"/>, longer than the whole retry schedule (holding, parking, every retry and probe),
/// overlapping, while students keep enrolling. No message may use up its attempts or land in the dead letters because
/// of it, and every email arrives exactly once afterwards.
/// </summary>
[Collection(LongOutageTopology.Name)]
public sealed class LongOutageTests(LongOutagesApp topology) : IDisposable
{
    private const int EnrollmentsPerPhase = 4;

    /// <summary>notificationdb goes down this long after the mail server, so that the two outages overlap for most of their length.</summary>
    private static readonly TimeSpan DatabaseDelay = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);
    private readonly EnrollmentApiClient _api = new(topology.CreateRegistrarClient(ResourceNames.EnrollmentApi));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mail_server_and_notification_database_down_longer_than_any_retry_schedule_lose_no_email_and_send_none_twice()
    {
        var outage = LongOutagesApp.Outage;
        Assert.True(outage > LongOutagesApp.WholeRetrySchedule || Environment.GetEnvironmentVariable("TEST_LONG_OUTAGE_SECONDS") is not null,
            $"an outage of {outage} is not longer than the retry schedule ({LongOutagesApp.WholeRetrySchedule})");
        var databaseDelay = DatabaseDelay < outage ? DatabaseDelay : outage / 2;
        await using var faults = await NotificationDatabaseFaults.ConnectAsync(topology);
        var course = await _api.CreateCourseAsync(capacity: 100);
        var students = new List<StudentJson>();
        var enrollments = new List<EnrollmentJson>();

        async Task EnrollAsync()
        {
            for (var i = 0; i < EnrollmentsPerPhase; i++)
            {
                var student = await _api.CreateStudentAsync();
                students.Add(student);
                enrollments.Add(await _api.CreateEnrollmentAsync(student.Id, course.Id));
            }
        }

        var clock = Stopwatch.StartNew();
        await topology.StopResourceAsync(ResourceNames.Mail);
        await EnrollAsync();
        await HoldAsync(clock, databaseDelay, enrollments);

        await faults.TakeDatabaseDownAsync();
        await EnrollAsync();
        await HoldAsync(clock, outage, enrollments);

        await topology.StartResourceAsync(ResourceNames.Mail);
        await HoldAsync(clock, outage + databaseDelay, enrollments);
        await faults.BringDatabaseBackAsync();

        var inbox = topology.Inbox;
        var addresses = students.Select(student => student.Email).ToArray();
        var received = await inbox.WaitForExactlyAsync(addresses, addresses.Length, TimeSpan.FromMinutes(3));
        Assert.Equal(addresses.Order(StringComparer.OrdinalIgnoreCase), received.SelectMany(mail => mail.To).Order(StringComparer.OrdinalIgnoreCase));
        foreach (var enrollment in enrollments)
        {
            var record = await topology.Notifications.WaitForAsync(enrollment.Id, "EnrollmentCreated", "Sent");
            Assert.Equal(1, record.Attempts);
        }

        Assert.Empty(await DeadLetterRecord.ListAsync(topology, Cancellation));
    }

    /// <summary>
    /// Keeps the outage going until <paramref name="until"/> on <paramref name="clock"/>, checking every few seconds
    /// that nothing was given up on meanwhile (while notificationdb is down the check itself cannot read it).
    /// </summary>
    private async Task HoldAsync(Stopwatch clock, TimeSpan until, IReadOnlyList<EnrollmentJson> enrollments)
    {
        while (clock.Elapsed < until)
        {
            await Task.Delay(Min(CheckEvery, until - clock.Elapsed), Cancellation);
            if (await TryListDeadLettersAsync() is { } letters)
            {
                Assert.DoesNotContain(letters, letter => enrollments.Any(enrollment => enrollment.Id == letter.EnrollmentId));
            }
        }
    }

    private async Task<DeadLetterRecord[]?> TryListDeadLettersAsync()
    {
        try
        {
            return await DeadLetterRecord.ListAsync(topology, Cancellation);
        }
        catch (HttpRequestException)
        {
            return null; // notificationdb is down: the endpoint answers 500
        }
    }

    private static TimeSpan Min(TimeSpan left, TimeSpan right) => left < right ? left : right;

    public void Dispose() => _api.Dispose();
}
