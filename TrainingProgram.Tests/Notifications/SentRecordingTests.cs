using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Notifications;

/// <summary>The window between the SMTP server accepting an email and the database recording it as sent.</summary>
[Collection(DeliveryFaultTopology.Name)]
public sealed class SentRecordingTests(DeliveryFaultsApp topology) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => new(topology.RestoreAllAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task When_recording_sent_fails_after_the_server_accepted_the_email_it_is_recorded_later_and_never_sent_again()
    {
        await using var faults = await NotificationDatabaseFaults.ConnectAsync(topology);
        await faults.FailSentUpdatesAsync();
        var enrollment = TestEnrollmentEvent.Created();
        await using (var publisher = await EnrollmentEventPublisher.ConnectAsync(topology))
        {
            await publisher.PublishAsync(enrollment);
        }

        // Three refused updates: a service that released its claim on the first would have sent it again by now.
        await Eventually.Until(_ => faults.FailedSentUpdatesAsync(), failures => failures >= 3, "three refused Sent updates");
        Assert.Single(await topology.Inbox.WaitForExactlyAsync([enrollment.StudentEmail], 1));

        await faults.LiftAsync();

        var record = await topology.Notifications.WaitForAsync(enrollment.EnrollmentId, "EnrollmentCreated", "Sent");
        Assert.Equal(1, record.Attempts);
        Assert.Single(await topology.Inbox.ToAsync(enrollment.StudentEmail, TestContext.Current.CancellationToken));
    }
}
