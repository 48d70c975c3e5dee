using System.Net;
using Npgsql;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Waitlist;

/// <summary>Offers expire at their deadline, by the database alone: across restarts, with one winner against an accept.</summary>
[Collection(WaitlistTopology.Name)]
public sealed class OfferExpiryTests(WaitlistApp topology) : IAsyncLifetime
{
    private readonly EnrollmentApiClient _api = EnrollmentApiClient.For(topology);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => new(topology.RestoreAllAsync());

    public ValueTask DisposeAsync()
    {
        _api.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_offer_that_is_not_accepted_expires_and_the_seat_is_offered_to_the_next_student()
    {
        var (course, b, c) = await OfferToFirstOfTwoAsync();

        var expired = await Eventually.Until(
            _ => _api.GetWaitlistEntryAsync(b.Entry.Id), e => e!.Status == "Expired", "B's offer to expire",
            WaitlistApp.ClaimPeriod + TestTimeouts.Outcome);

        Assert.True(expired!.ClosedAt >= expired.OfferExpiresAt, $"closed at {expired.ClosedAt:O}, deadline {expired.OfferExpiresAt:O}");
        var next = await _api.GetWaitlistEntryAsync(c.Entry.Id);
        Assert.Equal(expired.ClosedAt, next!.OfferedAt);
        await ExpectOneLapseAndTheNextOfferAsync(b, c);
        var seats = await _api.GetCourseAsync(course.Id);
        Assert.Equal((0, 0), (seats!.SeatsTaken, seats.WaitlistLength));
    }

    [Fact]
    public async Task An_accept_racing_the_expiry_has_one_winner()
    {
        var (course, b, c) = await OfferToFirstOfTwoAsync();
        var deadline = b.Entry.OfferExpiresAt!.Value;

        // Accepts every 50 ms from just before the deadline until just after it, while the expiry runs at the deadline.
        await Eventually.Until(_ => Task.FromResult(DateTimeOffset.UtcNow), now => now >= deadline.AddMilliseconds(-400),
            "the last 400 ms before the deadline", WaitlistApp.ClaimPeriod + TestTimeouts.Outcome);
        var attempts = new List<Task<HttpStatusCode>>();
        while (DateTimeOffset.UtcNow < deadline.AddMilliseconds(400))
        {
            attempts.Add(AcceptAsync(b.Entry.Id));
            await Task.Delay(50, Ct);
        }

        var answers = await Task.WhenAll(attempts);
        var final = await Eventually.Until(
            _ => _api.GetWaitlistEntryAsync(b.Entry.Id), e => e!.Status is "Enrolled" or "Expired", "B's offer to close",
            TestTimeouts.Outcome);

        Assert.All(answers, a => Assert.Contains(a, new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var seats = await _api.GetCourseAsync(course.Id);
        var cNow = await _api.GetWaitlistEntryAsync(c.Entry.Id);
        if (final!.Status == "Enrolled")
        {
            Assert.Equal(1, answers.Count(a => a == HttpStatusCode.Created));
            Assert.Equal(("Waiting", 1, 0, 0), (cNow!.Status, seats!.SeatsTaken, seats.SeatsHeld, seats.SeatsLeft));
        }
        else
        {
            // The seat went to C (whose own offer may have lapsed since: it lasts seconds here).
            Assert.DoesNotContain(HttpStatusCode.Created, answers);
            Assert.Equal(final.ClosedAt, cNow!.OfferedAt);
            Assert.Equal(0, seats!.SeatsTaken);
        }
    }

    [Fact]
    public async Task An_offer_whose_deadline_passes_while_the_api_is_stopped_expires_when_it_returns()
    {
        var (_, b, c) = await OfferToFirstOfTwoAsync();
        await topology.StopResourceAsync(TrainingProgramApp.EnrollmentApi);
        await Eventually.Until(_ => Task.FromResult(DateTimeOffset.UtcNow), now => now > b.Entry.OfferExpiresAt!.Value.AddSeconds(1),
            "the offer's deadline to pass", WaitlistApp.ClaimPeriod + TestTimeouts.Outcome);
        Assert.Equal("Offered", await EntryStatusInDatabaseAsync(b.Entry.Id));

        await topology.StartResourceAsync(TrainingProgramApp.EnrollmentApi);

        // C's offer may have lapsed too by the time the API answers again: it lasts seconds here.
        await Eventually.Until(_ => _api.GetWaitlistEntryAsync(c.Entry.Id), e => e!.OfferedAt is not null, "the next student's offer");
        Assert.Equal("Expired", (await _api.GetWaitlistEntryAsync(b.Entry.Id))!.Status);
        await ExpectOneLapseAndTheNextOfferAsync(b, c);
    }

    /// <summary>A full course of one seat, B and C waiting, then the seat freed: B holds the offer, with its deadline.</summary>
    private async Task<(CourseJson Course, (StudentJson Student, WaitlistEntryJson Entry) B, (StudentJson Student, WaitlistEntryJson Entry) C)> OfferToFirstOfTwoAsync()
    {
        var course = await _api.CreateCourseAsync(capacity: 1, waitlistCapacity: 2);
        var holder = await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id);
        var (b, c) = (await _api.CreateStudentAsync(), await _api.CreateStudentAsync());
        var bEntry = await _api.JoinWaitlistAsync(b.Id, course.Id);
        var cEntry = await _api.JoinWaitlistAsync(c.Id, course.Id);
        (await _api.CancelAsync(holder.Id)).Dispose();
        var offered = (await _api.GetWaitlistEntryAsync(bEntry.Id))!;
        Assert.Equal("Offered", offered.Status);
        Assert.Equal(WaitlistApp.ClaimPeriod, offered.OfferExpiresAt - offered.OfferedAt);
        return (course, (b, offered), (c, cEntry));
    }

    private async Task<HttpStatusCode> AcceptAsync(Guid entryId)
    {
        using var response = await _api.AcceptOfferAsync(entryId);
        return response.StatusCode;
    }

    /// <summary>B: the offer and its lapse, once each, lapse after offer; C: its own offer.</summary>
    private async Task ExpectOneLapseAndTheNextOfferAsync((StudentJson Student, WaitlistEntryJson Entry) b, (StudentJson Student, WaitlistEntryJson Entry) c)
    {
        var lapse = await NotificationRecord.WaitForWaitlistEntryAsync(topology, b.Entry.Id, "WaitlistOfferLapsed", "Sent");
        var offer = (await NotificationRecord.ForWaitlistEntryAsync(topology, b.Entry.Id, Ct)).Single(n => n.Kind == "WaitlistOfferMade");
        Assert.Equal("Sent", offer.Status);
        Assert.True(lapse.SentAt >= offer.SentAt, "the lapse went out before the offer");
        var bEmails = await topology.Inbox.WaitForAsync([b.Student.Email], 2);
        Assert.Equal(2, bEmails.Count);
        Assert.Single(bEmails, m => m.Subject.StartsWith("Seat offer expired", StringComparison.Ordinal));
        await NotificationRecord.WaitForWaitlistEntryAsync(topology, c.Entry.Id, "WaitlistOfferMade", "Sent");
        Assert.Single(await topology.Inbox.WaitForAsync([c.Student.Email], 1), m => m.Subject.StartsWith("A seat is held for you", StringComparison.Ordinal));
    }

    private async Task<string> EntryStatusInDatabaseAsync(Guid entryId)
    {
        await using var connection = new NpgsqlConnection(await topology.GetConnectionStringAsync(TrainingProgramApp.EnrollmentDb));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT status FROM waitlist_entries WHERE id = $1", connection) { Parameters = { new() { Value = entryId } } };
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
