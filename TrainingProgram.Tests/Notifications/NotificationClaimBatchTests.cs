using Microsoft.EntityFrameworkCore;
using TrainingProgram.NotificationService.Data;
using TrainingProgram.NotificationService.Notifications;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Notifications;

/// <summary>
/// The batched claim and Sent record against the real notificationdb: a batch holding events of one subject, and one
/// event twice, decides each as it would have been decided alone, in the batch's order.
/// </summary>
public sealed class NotificationClaimBatchTests(TrainingProgramApp topology) : IAsyncLifetime
{
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(1);
    private string _notificationDb = null!;

    public async ValueTask InitializeAsync() =>
        _notificationDb = (await topology.GetConnectionStringAsync(ResourceNames.NotificationDb))!;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_batch_decides_each_claim_as_if_alone_in_the_batchs_order()
    {
        var (a, b, c) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var confirmA = Email(a, NotificationKind.EnrollmentCreated);
        var cancelA = Email(a, NotificationKind.EnrollmentCancelled);
        var confirmB = Email(b, NotificationKind.EnrollmentCreated);
        var cancelC = Email(c, NotificationKind.EnrollmentCancelled);
        var confirmC = Email(c, NotificationKind.EnrollmentCreated);

        var results = await ClaimAsync(confirmA, cancelA, Copy(confirmA), confirmB, cancelC, confirmC);

        Assert.Equal(
            [ClaimResult.Claimed, ClaimResult.WaitForEarlier, ClaimResult.HeldElsewhere, ClaimResult.Claimed, ClaimResult.Claimed, ClaimResult.Superseded],
            results);

        await using (var db = Database())
        {
            var now = DateTimeOffset.UtcNow;
            await new NotificationStore(db).MarkSentAsync(
                [new(confirmA.EventId, a, now, null), new(confirmB.EventId, b, now, "0af7651916cd43dd8448eb211c80319c"), new(cancelC.EventId, c, now, null)], Ct);
        }

        Assert.Equal([ClaimResult.Claimed, ClaimResult.AlreadySent, ClaimResult.AlreadySent], await ClaimAsync(Copy(cancelA), Copy(confirmB), Copy(cancelC)));
        await using (var db = Database())
        {
            var rows = await db.Notifications.AsNoTracking().Where(n => n.SubjectId == a || n.SubjectId == b || n.SubjectId == c)
                .ToDictionaryAsync(n => n.EventId, Ct);
            Assert.Equal(5, rows.Count);
            Assert.Equal(NotificationStatus.Sent, rows[confirmA.EventId].Status);
            Assert.Equal(1, rows[confirmA.EventId].Attempts);
            Assert.Equal("0af7651916cd43dd8448eb211c80319c", rows[confirmB.EventId].TraceId);
            Assert.Equal(NotificationStatus.Superseded, rows[confirmC.EventId].Status);
            Assert.Equal(NotificationStatus.Pending, rows[cancelA.EventId].Status);
            Assert.NotNull(rows[cancelA.EventId].ClaimedUntil);
        }
    }

    private async Task<IReadOnlyList<ClaimResult>> ClaimAsync(params Notification[] batch)
    {
        await using var db = Database();
        return await new NotificationStore(db).ClaimAsync(batch, ClaimDuration, Ct);
    }

    private NotificationDbContext Database() => new(new DbContextOptionsBuilder<NotificationDbContext>().UseNpgsql(_notificationDb).Options);

    private static Notification Email(Guid subjectId, NotificationKind kind) => new()
    {
        EventId = Guid.CreateVersion7(),
        SubjectId = subjectId,
        Kind = kind,
        Recipient = $"student-{Guid.NewGuid():N}@example.edu",
        Subject = kind.ToString(),
    };

    /// <summary>Another delivery of the same event.</summary>
    private static Notification Copy(Notification notification) => new()
    {
        EventId = notification.EventId,
        SubjectId = notification.SubjectId,
        Kind = notification.Kind,
        Recipient = notification.Recipient,
        Subject = notification.Subject,
    };
}
