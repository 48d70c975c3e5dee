using System.Net;
using System.Net.Http.Json;
using TrainingProgram.Tests.EnrollmentApi;
using TrainingProgram.Tests.Identity;
using TrainingProgram.Tests.Infrastructure;
using TrainingProgram.Tests.Security;

namespace TrainingProgram.Tests.Waitlist;

/// <summary>Full courses keep a line; freed seats are offered in order (docs/waitlists.md). Offers here last 24 hours.</summary>
public sealed class WaitlistTests(TrainingProgramApp topology) : IAsyncLifetime
{
    private readonly EnrollmentApiClient _api = EnrollmentApiClient.For(topology);
    private EnrollmentDatabase _db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _db = await EnrollmentDatabase.ConnectAsync(topology);

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Thirty_students_racing_for_ten_seats_with_a_waitlist_of_fifteen_give_ten_enrolled_fifteen_waiting_in_order_and_five_refused()
    {
        var course = await _api.CreateCourseAsync(capacity: 10, waitlistCapacity: 15);
        var students = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => _api.CreateStudentAsync()));

        var answers = await Task.WhenAll(students.Select(async student =>
        {
            using var response = await _api.EnrollAsync(student.Id, course.Id);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(Ct));
        }));

        Assert.Equal(10, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var waiting = answers.Where(a => a.StatusCode == HttpStatusCode.Accepted)
            .Select(a => System.Text.Json.JsonSerializer.Deserialize<WaitlistEntryJson>(a.Body, System.Text.Json.JsonSerializerOptions.Web)!)
            .ToList();
        Assert.Equal(15, waiting.Count);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Equal(5, refused.Count);
        Assert.All(refused, r => Assert.Contains("/problems/waitlist-full", r.Body, StringComparison.Ordinal));

        // Each joiner was told a distinct place, 1 to 15, and the line is in exactly that order.
        Assert.All(waiting, w => Assert.Equal("Waiting", w.Status));
        Assert.Equal(Enumerable.Range(1, 15), waiting.Select(w => w.Position!.Value).Order());
        var line = await _api.GetCourseWaitlistAsync(course.Id);
        Assert.Equal(waiting.OrderBy(w => w.Position).Select(w => w.Id), line.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(1, 15), line.Select(e => e.Position!.Value));

        var seats = await _api.GetCourseAsync(course.Id);
        Assert.Equal((10, 0, 0, 15), (seats!.SeatsTaken, seats.SeatsHeld, seats.SeatsLeft, seats.WaitlistLength));
        Assert.Equal(10, await _db.CountActiveEnrollmentsAsync(course.Id));
        var (counters, rows) = await _db.CourseCountersAndRowsAsync(course.Id);
        Assert.Equal(rows, counters);
    }

    [Fact]
    public async Task Ten_cancellations_at_once_offer_ten_seats_to_the_first_ten_in_line_with_one_email_each_and_accepting_fills_the_course_exactly()
    {
        var course = await _api.CreateCourseAsync(capacity: 10, waitlistCapacity: 15);
        var enrolled = new List<EnrollmentJson>();
        for (var i = 0; i < 10; i++)
        {
            enrolled.Add(await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id));
        }

        var line = new List<(StudentJson Student, WaitlistEntryJson Entry)>();
        for (var i = 0; i < 15; i++)
        {
            var student = await _api.CreateStudentAsync();
            var entry = await _api.JoinWaitlistAsync(student.Id, course.Id);
            Assert.Equal(i + 1, entry.Position);
            line.Add((student, entry));
        }

        var cancelled = await Task.WhenAll(enrolled.Select(async e => { using var r = await _api.CancelAsync(e.Id); return r.StatusCode; }));
        Assert.All(cancelled, status => Assert.Equal(HttpStatusCode.OK, status));

        // The first ten in arrival order hold the seats; the other five wait, now first to fifth.
        var offered = line.Take(10).ToList();
        var open = await _api.GetCourseWaitlistAsync(course.Id);
        Assert.Equal(offered.Select(o => (o.Entry.Id, "Offered")), open.Take(10).Select(e => (e.Id, e.Status)));
        Assert.Equal(line.Skip(10).Select((w, i) => (w.Entry.Id, "Waiting", (int?)(i + 1))), open.Skip(10).Select(e => (e.Id, e.Status, e.Position)));
        var seats = await _api.GetCourseAsync(course.Id);
        Assert.Equal((0, 10, 0, 5), (seats!.SeatsTaken, seats.SeatsHeld, seats.SeatsLeft, seats.WaitlistLength));
        var (counters, rows) = await _db.CourseCountersAndRowsAsync(course.Id);
        Assert.Equal(("0 10 5", "0 10 5"), (counters, rows));

        // One offer email each, with the deadline, and none to those still waiting.
        var offerAddresses = offered.Select(o => o.Student.Email).ToArray();
        var offerEmails = await topology.Inbox.WaitForExactlyAsync(offerAddresses, 10);
        Assert.Equal(offerAddresses.Order(StringComparer.OrdinalIgnoreCase), offerEmails.Select(m => m.To.Single()).Order(StringComparer.OrdinalIgnoreCase));
        Assert.All(offerEmails, m => Assert.StartsWith("A seat is held for you until", m.Subject, StringComparison.Ordinal));
        foreach (var (_, entry) in offered)
        {
            var record = await topology.Notifications.WaitForWaitlistEntryAsync(entry.Id, "WaitlistOfferMade", "Sent");
            Assert.Equal(entry.Id, record.WaitlistEntryId);
        }

        Assert.Empty(await topology.Inbox.ToAsync(line.Skip(10).Select(w => w.Student.Email), Ct));

        // Accepting all ten at once fills the course exactly: the seats were held, nobody else could take them.
        var accepted = await Task.WhenAll(offered.Select(async o =>
        {
            using var response = await _api.AcceptOfferAsync(o.Entry.Id);
            return (response.StatusCode, Enrollment: await response.Content.ReadFromJsonAsync<EnrollmentJson>(Ct));
        }));
        Assert.All(accepted, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(offered.Select(o => o.Student.Id).Order(), accepted.Select(a => a.Enrollment!.StudentId).Order());
        seats = await _api.GetCourseAsync(course.Id);
        Assert.Equal((10, 0, 0, 5), (seats!.SeatsTaken, seats.SeatsHeld, seats.SeatsLeft, seats.WaitlistLength));
        Assert.Equal(10, await _db.CountActiveEnrollmentsAsync(course.Id));

        // A newcomer goes to the back of the line, not into a seat.
        var newcomer = await _api.JoinWaitlistAsync((await _api.CreateStudentAsync()).Id, course.Id);
        Assert.Equal(6, newcomer.Position);
        (counters, rows) = await _db.CourseCountersAndRowsAsync(course.Id);
        Assert.Equal(("10 0 6", "10 0 6"), (counters, rows));

        // Each accepted offer brings the usual confirmation, once; each offer was emailed once.
        var confirmations = await topology.Inbox.WaitForExactlyAsync(offerAddresses, 20);
        Assert.Equal(10, confirmations.Count(m => m.Subject.StartsWith("Enrollment confirmed", StringComparison.Ordinal)));
        Assert.Equal(20, confirmations.Count);
        foreach (var (_, entry) in offered)
        {
            Assert.Single(await topology.Notifications.ForWaitlistEntryAsync(entry.Id, Ct));
        }
    }

    [Fact]
    public async Task Raising_a_course_capacity_by_three_offers_three_seats_to_the_first_three_in_line()
    {
        var course = await _api.CreateCourseAsync(capacity: 2, waitlistCapacity: 5);
        for (var i = 0; i < 2; i++)
        {
            await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id);
        }

        var line = new List<(StudentJson Student, WaitlistEntryJson Entry)>();
        for (var i = 0; i < 4; i++)
        {
            var student = await _api.CreateStudentAsync();
            line.Add((student, await _api.JoinWaitlistAsync(student.Id, course.Id)));
        }

        using var response = await _api.ChangeCourseAsync(course.Id, new { capacity = 5 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await response.Content.ReadFromJsonAsync<CourseJson>(Ct);
        Assert.Equal((5, 2, 3, 0, 1), (changed!.Capacity, changed.SeatsTaken, changed.SeatsHeld, changed.SeatsLeft, changed.WaitlistLength));
        var open = await _api.GetCourseWaitlistAsync(course.Id);
        Assert.Equal(line.Select((w, i) => (w.Entry.Id, i < 3 ? "Offered" : "Waiting")), open.Select(e => (e.Id, e.Status)));
        var emails = await topology.Inbox.WaitForExactlyAsync(line.Take(3).Select(w => w.Student.Email).ToArray(), 3);
        Assert.Equal(3, emails.Count);
        Assert.Empty(await topology.Inbox.ToAsync(line[3].Student.Email, Ct));
    }

    [Fact]
    public async Task A_capacity_below_the_seats_in_use_is_409_and_changes_nothing()
    {
        var course = await _api.CreateCourseAsync(capacity: 2, waitlistCapacity: 1);
        await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id);
        await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id);
        await _api.JoinWaitlistAsync((await _api.CreateStudentAsync()).Id, course.Id);

        using var seats = await _api.ChangeCourseAsync(course.Id, new { capacity = 1 });
        using var line = await _api.ChangeCourseAsync(course.Id, new { waitlistCapacity = 0 });
        using var nothing = await _api.ChangeCourseAsync(course.Id, new { });

        await ProblemAssert.IsProblemAsync(seats, HttpStatusCode.Conflict, "capacity-below-seats-in-use");
        await ProblemAssert.IsProblemAsync(line, HttpStatusCode.Conflict, "capacity-below-seats-in-use");
        await ProblemAssert.IsProblemAsync(nothing, HttpStatusCode.BadRequest, "validation");
        Assert.Equal(course with { SeatsTaken = 2, SeatsLeft = 0, WaitlistLength = 1 }, await _api.GetCourseAsync(course.Id));
    }

    [Fact]
    public async Task Automatic_promotion_enrolls_the_next_in_line_when_a_seat_frees()
    {
        var course = await _api.CreateCourseAsync(capacity: 1, waitlistCapacity: 2, waitlistPromotion: "Automatic");
        var first = await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id);
        var next = await _api.CreateStudentAsync();
        var entry = await _api.JoinWaitlistAsync(next.Id, course.Id);

        using var cancel = await _api.CancelAsync(first.Id);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var promoted = await _api.GetWaitlistEntryAsync(entry.Id);
        Assert.Equal("Enrolled", promoted!.Status);
        var enrollment = await _api.GetAsync<EnrollmentJson>($"/enrollments/{promoted.EnrollmentId}");
        Assert.Equal((next.Id, course.Id, "Active"), (enrollment!.StudentId, enrollment.CourseId, enrollment.Status));
        var seats = await _api.GetCourseAsync(course.Id);
        Assert.Equal((1, 0, 0), (seats!.SeatsTaken, seats.SeatsHeld, seats.WaitlistLength));
        var emails = await topology.Inbox.WaitForExactlyAsync([next.Email], 1);
        Assert.StartsWith("Enrollment confirmed", Assert.Single(emails).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_an_offer_passes_the_seat_to_the_next_in_line_and_tells_the_student()
    {
        var course = await _api.CreateCourseAsync(capacity: 1, waitlistCapacity: 2);
        var first = await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id);
        var (b, c) = (await _api.CreateStudentAsync(), await _api.CreateStudentAsync());
        var bEntry = await _api.JoinWaitlistAsync(b.Id, course.Id);
        var cEntry = await _api.JoinWaitlistAsync(c.Id, course.Id);
        (await _api.CancelAsync(first.Id)).Dispose();
        Assert.Equal("Offered", (await _api.GetWaitlistEntryAsync(bEntry.Id))!.Status);
        // A decline that overtakes its offer's email supersedes that email (docs/waitlists.md): here it comes after.
        await topology.Notifications.WaitForWaitlistEntryAsync(bEntry.Id, "WaitlistOfferMade", "Sent");

        using var decline = await _api.LeaveWaitlistAsync(bEntry.Id);
        using var again = await _api.LeaveWaitlistAsync(bEntry.Id);

        Assert.Equal(HttpStatusCode.OK, decline.StatusCode);
        Assert.Equal("Declined", (await decline.Content.ReadFromJsonAsync<WaitlistEntryJson>(Ct))!.Status);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Offered", (await _api.GetWaitlistEntryAsync(cEntry.Id))!.Status);
        using var late = await _api.AcceptOfferAsync(bEntry.Id);
        await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Conflict, "no-open-offer");

        // B: the offer, then the decline; C: the offer. The decline's email never comes before the offer's.
        var bEmails = await topology.Inbox.WaitForExactlyAsync([b.Email], 2);
        Assert.Equal(2, bEmails.Count);
        Assert.Single(bEmails, m => m.Subject.StartsWith("A seat is held for you", StringComparison.Ordinal));
        Assert.Single(bEmails, m => m.Subject.StartsWith("Seat offer declined", StringComparison.Ordinal));
        await topology.Notifications.WaitForWaitlistEntryAsync(bEntry.Id, "WaitlistOfferLapsed", "Sent");
        Assert.Single(await topology.Inbox.WaitForExactlyAsync([c.Email], 1));
        var seats = await _api.GetCourseAsync(course.Id);
        Assert.Equal((0, 1, 0), (seats!.SeatsTaken, seats.SeatsHeld, seats.WaitlistLength));
    }

    [Fact]
    public async Task The_line_refuses_who_is_already_in_it_or_enrolled_and_a_waiting_student_can_leave()
    {
        var course = await _api.CreateCourseAsync(capacity: 1, waitlistCapacity: 3);
        var enrolled = await _api.CreateStudentAsync();
        await _api.CreateEnrollmentAsync(enrolled.Id, course.Id);
        var (a, b) = (await _api.CreateStudentAsync(), await _api.CreateStudentAsync());
        var aEntry = await _api.JoinWaitlistAsync(a.Id, course.Id);
        var bEntry = await _api.JoinWaitlistAsync(b.Id, course.Id);

        using var twice = await _api.EnrollAsync(a.Id, course.Id);
        using var enrolledAgain = await _api.EnrollAsync(enrolled.Id, course.Id);
        using var acceptWhileWaiting = await _api.AcceptOfferAsync(aEntry.Id);
        await ProblemAssert.IsProblemAsync(twice, HttpStatusCode.Conflict, "already-waitlisted");
        await ProblemAssert.IsProblemAsync(enrolledAgain, HttpStatusCode.Conflict, "already-enrolled");
        await ProblemAssert.IsProblemAsync(acceptWhileWaiting, HttpStatusCode.Conflict, "no-open-offer");

        using var leave = await _api.LeaveWaitlistAsync(aEntry.Id);

        Assert.Equal("Left", (await leave.Content.ReadFromJsonAsync<WaitlistEntryJson>(Ct))!.Status);
        Assert.Equal(1, (await _api.GetWaitlistEntryAsync(bEntry.Id))!.Position);
        Assert.Equal(1, (await _api.GetCourseAsync(course.Id))!.WaitlistLength);
        var rejoined = await _api.JoinWaitlistAsync(a.Id, course.Id);
        Assert.Equal(2, rejoined.Position);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_same_place_in_line()
    {
        var course = await _api.CreateCourseAsync(capacity: 1, waitlistCapacity: 2);
        await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id);
        var student = await _api.CreateStudentAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await _api.EnrollAsync(student.Id, course.Id, key);
        using var retry = await _api.EnrollAsync(student.Id, course.Id, key);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, retry.StatusCode));
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<WaitlistEntryJson>(Ct))!.Id,
            (await retry.Content.ReadFromJsonAsync<WaitlistEntryJson>(Ct))!.Id);
        Assert.Equal(1, (await _api.GetCourseAsync(course.Id))!.WaitlistLength);
    }

    [Fact]
    public async Task A_student_manages_only_their_own_place_in_line()
    {
        var course = await _api.CreateCourseAsync(capacity: 1, waitlistCapacity: 3);
        var holder = await _api.CreateEnrollmentAsync((await _api.CreateStudentAsync()).Id, course.Id);
        using var ada = await SignedInStudent.CreateAsync(topology, _api);
        using var bob = await SignedInStudent.CreateAsync(topology, _api);
        var adaEntry = await ada.Api.JoinWaitlistAsync(ada.Record.Id, course.Id);

        using var bobReads = await bob.Api.Http.GetAsync($"/waitlist/{adaEntry.Id}", Ct);
        using var bobLists = await bob.Api.Http.GetAsync($"/students/{ada.Record.Id}/waitlist", Ct);
        using var bobLeaves = await bob.Api.LeaveWaitlistAsync(adaEntry.Id);
        using var bobCourseLine = await bob.Api.Http.GetAsync($"/courses/{course.Id}/waitlist", Ct);
        using var bobChanges = await bob.Api.ChangeCourseAsync(course.Id, new { capacity = 3 });
        using var bobJoinsForAda = await bob.Api.EnrollAsync(ada.Record.Id, course.Id);

        await ProblemAssert.IsProblemAsync(bobReads, HttpStatusCode.NotFound, "waitlist-entry-not-found");
        await ProblemAssert.IsProblemAsync(bobLists, HttpStatusCode.NotFound, "student-not-found");
        await ProblemAssert.IsProblemAsync(bobLeaves, HttpStatusCode.NotFound, "waitlist-entry-not-found");
        await ProblemAssert.IsProblemAsync(bobCourseLine, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(bobChanges, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(bobJoinsForAda, HttpStatusCode.Forbidden, "forbidden");

        // Ada sees her place, gets the seat when it frees, and accepts it herself.
        Assert.Equal(adaEntry.Id, Assert.Single((await ada.Api.GetAsync<PageJson<WaitlistEntryJson>>($"/students/{ada.Record.Id}/waitlist"))!.Items).Id);
        (await _api.CancelAsync(holder.Id)).Dispose();
        using var bobAccepts = await bob.Api.AcceptOfferAsync(adaEntry.Id);
        await ProblemAssert.IsProblemAsync(bobAccepts, HttpStatusCode.NotFound, "waitlist-entry-not-found");
        using var adaAccepts = await ada.Api.AcceptOfferAsync(adaEntry.Id);
        var enrollment = await _api.ReadCreatedAsync<EnrollmentJson>(adaAccepts);
        Assert.Equal((ada.Record.Id, "Active"), (enrollment.StudentId, enrollment.Status));
        Assert.Equal(Jwt.Parse(ada.AccessToken).Claim("sub"), await _db.EnrollmentCreatedByAsync(enrollment.Id));
    }
}
