using System.Net;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Waitlist;

/// <summary>Offers expire at their deadline, by the database alone: across restarts, with one winner against an accept.</summary>
[Collection(LongOutageTopology.Name)]
public sealed class OfferExpiryTests(LongOutagesApp topology) : IAsyncLifetime
{
    /// <summary>
    /// An 8-second offer is also an 8-second limit on its email: an offer that lapses before its email was claimed has
    /// that email superseded (docs/waitlists.md). Tests move a deadline out of the way until the email has gone out.
    /// </summary>
    private const string MoveDeadline = "UPDATE waitlist_entries SET offer_expires_at = now() + $2 WHERE id = $1 AND status = 'Offered'";

    private readonly EnrollmentApiClient _api = EnrollmentApiClient.For(topology);
    private EnrollmentDatabase _db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await topology.RestoreAllAsync();
        _db = await EnrollmentDatabase.ConnectAsync(topology);
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _db.DisposeAsync();
    }

    /// <summary>
    /// The API here runs with its clock 20 s behind the database's. An offer's deadline counts from the database's
    /// clock, which the Notification Service compares it with too (it does not send an offer past its deadline): from
    /// the API's own clock, this 15-second offer would have lapsed before it was made, and its email never gone out.
    /// </summary>
    [Fact]
    public async Task An_offer_made_by_an_api_whose_clock_is_behind_lasts_its_claim_period_on_the_databases_clock()
    {
        var (_, b, _) = await OfferToFirstOfTwoAsync();
        var databaseNow = await _db.NowAsync();

        Assert.InRange(b.Entry.OfferExpiresAt!.Value - databaseNow, LongOutagesApp.ClaimPeriod - TimeSpan.FromSeconds(10), LongOutagesApp.ClaimPeriod);
        await HoldUntilEmailedAsync(b.Entry.Id);
        var email = Assert.Single(await topology.Inbox.WaitForExactlyAsync([b.Student.Email], 1));
        Assert.StartsWith("A seat is held for you until", email.Subject, StringComparison.Ordinal);
        using var accepted = await _api.AcceptOfferAsync(b.Entry.Id);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task An_offer_that_is_not_accepted_expires_and_the_seat_is_offered_to_the_next_student()
    {
        var (course, b, c) = await OfferToFirstOfTwoAsync();
        await HoldUntilEmailedAsync(b.Entry.Id);
        Assert.Equal(1, await _db.ExecuteAsync(MoveDeadline, b.Entry.Id, TimeSpan.FromSeconds(1)));

        var expired = await Eventually.Until(
            _ => _api.GetWaitlistEntryAsync(b.Entry.Id), e => e!.Status == "Expired", "B's offer to expire",
            LongOutagesApp.ClaimPeriod + TestTimeouts.Outcome);

        Assert.True(expired!.ClosedAt >= expired.OfferExpiresAt, $"closed at {expired.ClosedAt:O}, deadline {expired.OfferExpiresAt:O}");
        var next = await _api.GetWaitlistEntryAsync(c.Entry.Id);
        Assert.Equal(expired.ClosedAt, next!.OfferedAt);
        await _db.ExecuteAsync(MoveDeadline, c.Entry.Id, TimeSpan.FromMinutes(10));
        await ExpectOneLapseAndTheNextOfferAsync(b, c);
        var seats = await _api.GetCourseAsync(course.Id);
        Assert.Equal((0, 0), (seats!.SeatsTaken, seats.WaitlistLength));
    }

    [Fact]
    public async Task An_accept_racing_the_expiry_has_one_winner()
    {
        var course = await _api.CreateCourseAsync(capacity: 10, waitlistCapacity: 10);
        var enrollments = new List<EnrollmentJson>();
        for (var i = 0; i < 10; i++)
        {
            enrollments.Add(await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id));
        }

        for (var i = 0; i < 10; i++)
        {
            await _api.JoinWaitlistAsync((await _api.CreateStudentAsync()).Id, course.Id);
        }

        await Task.WhenAll(enrollments.Select(async e => (await _api.CancelAsync(e.Id)).Dispose()));
        var offers = await _api.GetCourseWaitlistAsync(course.Id);
        Assert.Equal(10, offers.Count(o => o.Status == "Offered"));

        // Offer i is accepted 1 s before its deadline plus 150 ms per i: the first ones well before it, the last ones
        // after it, and those in between (a request takes a few hundred milliseconds on a busy machine) against the
        // expiry that closes offers at their deadline.
        var answers = await Task.WhenAll(offers.Select((offer, i) => AcceptAtAsync(offer.Id, offer.OfferExpiresAt!.Value.AddMilliseconds(-1000 + (150 * i)))));
        await Eventually.Until(_ => _api.GetCourseWaitlistAsync(course.Id), line => line.Count == 0, "every offer to be accepted or expired",
            LongOutagesApp.ClaimPeriod + TestTimeouts.Outcome);

        var outcomes = new List<(HttpStatusCode Answer, string Status)>();
        foreach (var (offer, answer) in offers.Zip(answers))
        {
            outcomes.Add((answer, (await _api.GetWaitlistEntryAsync(offer.Id))!.Status));
        }

        Assert.All(outcomes, o => Assert.True(
            o == (HttpStatusCode.Created, "Enrolled") || o == (HttpStatusCode.Conflict, "Expired"),
            $"an accept answered {(int)o.Answer} and the offer ended {o.Status}: {string.Join(", ", outcomes)}"));
        var enrolled = outcomes.Count(o => o.Status == "Enrolled");
        TestContext.Current.TestOutputHelper?.WriteLine($"{enrolled} offers accepted, {10 - enrolled} expired");
        var seats = await _api.GetCourseAsync(course.Id);
        Assert.Equal((enrolled, 0, 10 - enrolled), (seats!.SeatsTaken, seats.SeatsHeld, seats.SeatsLeft));
        var (counters, rows) = await _db.CourseCountersAndRowsAsync(course.Id);
        Assert.Equal(rows, counters);
    }

    [Fact]
    public async Task An_offer_whose_deadline_passes_while_the_api_is_stopped_expires_when_it_returns()
    {
        var (_, b, c) = await OfferToFirstOfTwoAsync();

        // Stopping may take longer than an 8-second offer on a busy machine: the deadline stays out of the way until
        // the API has stopped, and goes into the past then.
        await HoldUntilEmailedAsync(b.Entry.Id);
        await topology.StopResourceAsync(ResourceNames.EnrollmentApi);
        Assert.Equal(1, await _db.ExecuteAsync(MoveDeadline, b.Entry.Id, TimeSpan.FromSeconds(-1)));

        await topology.StartResourceAsync(ResourceNames.EnrollmentApi);

        // C's offer is held as soon as it is seen (it may have lapsed already on a very slow machine: then it is not).
        await Eventually.Until(_ => _api.GetWaitlistEntryAsync(c.Entry.Id), e => e!.OfferedAt is not null, "the next student's offer");
        await _db.ExecuteAsync(MoveDeadline, c.Entry.Id, TimeSpan.FromMinutes(10));
        Assert.Equal("Expired", (await _api.GetWaitlistEntryAsync(b.Entry.Id))!.Status);
        await ExpectOneLapseAndTheNextOfferAsync(b, c);
    }

    /// <summary>Moves the offer's deadline ten minutes out and waits until its email has gone out.</summary>
    private async Task HoldUntilEmailedAsync(Guid entryId)
    {
        Assert.Equal(1, await _db.ExecuteAsync(MoveDeadline, entryId, TimeSpan.FromMinutes(10)));
        await topology.Notifications.WaitForWaitlistEntryAsync(entryId, "WaitlistOfferMade", "Sent");
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
        Assert.Equal(LongOutagesApp.ClaimPeriod, offered.OfferExpiresAt - offered.OfferedAt);
        return (course, (b, offered), (c, cEntry));
    }

    /// <summary>Accepts the offer at <paramref name="at"/> (a moment to aim at, not a wait for an outcome).</summary>
    private async Task<HttpStatusCode> AcceptAtAsync(Guid entryId, DateTimeOffset at)
    {
        if (at - DateTimeOffset.UtcNow is { Ticks: > 0 } untilThen)
        {
            await Task.Delay(untilThen, Ct);
        }

        using var response = await _api.AcceptOfferAsync(entryId);
        return response.StatusCode;
    }

    /// <summary>B: the offer and its lapse, once each, lapse after offer; C: its own offer.</summary>
    private async Task ExpectOneLapseAndTheNextOfferAsync((StudentJson Student, WaitlistEntryJson Entry) b, (StudentJson Student, WaitlistEntryJson Entry) c)
    {
        var lapse = await topology.Notifications.WaitForWaitlistEntryAsync(b.Entry.Id, "WaitlistOfferLapsed", "Sent");
        var offer = (await topology.Notifications.ForWaitlistEntryAsync(b.Entry.Id, Ct)).Single(n => n.Kind == "WaitlistOfferMade");
        Assert.Equal("Sent", offer.Status);
        Assert.True(lapse.SentAt >= offer.SentAt, "the lapse went out before the offer");
        var bEmails = await topology.Inbox.WaitForExactlyAsync([b.Student.Email], 2);
        Assert.Equal(2, bEmails.Count);
        Assert.Single(bEmails, m => m.Subject.StartsWith("Seat offer expired", StringComparison.Ordinal));
        await topology.Notifications.WaitForWaitlistEntryAsync(c.Entry.Id, "WaitlistOfferMade", "Sent");

        // On a starved machine C's offer can lapse before the test moves its deadline: then C is told that too.
        var cLapsed = (await _api.GetWaitlistEntryAsync(c.Entry.Id))!.Status == "Expired";
        var cEmails = await topology.Inbox.WaitForExactlyAsync([c.Student.Email], cLapsed ? 2 : 1);
        Assert.Single(cEmails, m => m.Subject.StartsWith("A seat is held for you", StringComparison.Ordinal));
    }
}
