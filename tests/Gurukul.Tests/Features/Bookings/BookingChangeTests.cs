using System.Net;
using Gurukul.Features.Ledger;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Bookings.BookingsApi;

namespace Gurukul.Tests.Features.Bookings;

/// <summary>Cancelling and rescheduling as API.md's policy says, with the refund the ledger records; outcomes and disputes.</summary>
public sealed class BookingChangeTests(BookingsFixture fixture) : IClassFixture<BookingsFixture>
{
    [Theory, AllProviders]
    public async Task Cancel_ByStudent24HoursOrMoreBefore_RefundsEverything(DatabaseProvider provider) =>
        await StudentCancelsAsync(provider, Duration.FromHours(30), HourlyRate);

    [Theory, AllProviders]
    public async Task Cancel_ByStudentThreeHoursBefore_RefundsHalf(DatabaseProvider provider) =>
        await StudentCancelsAsync(provider, Duration.FromHours(3), HourlyRate / 2);

    [Theory, AllProviders]
    public async Task Cancel_ByStudentWithinTwoHours_RefundsNothing(DatabaseProvider provider) =>
        await StudentCancelsAsync(provider, Duration.FromMinutes(1), 0);

    [Theory, AllProviders]
    public async Task Cancel_ByMentorAnHourBefore_RefundsEverything_AndFreesTheSlot(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var (student, other) = (await StudentAsync(client), await StudentAsync(client));
        var start = HourAfter(fixture.Clock, Duration.FromMinutes(1));
        var booking = await BookedAsync(client, student.Token, mentor.Id, start);

        var cancelled = await (await PostAsync(client, mentor.Token, Id(booking), "cancel", new { reason = "Unwell" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("cancelled", Status(cancelled));
        var cancellation = cancelled.GetProperty("cancellation");
        Assert.Equal(("mentor", "Unwell", HourlyRate), (cancellation.GetProperty("by").GetString(), cancellation.GetProperty("reason").GetString(),
            cancellation.GetProperty("refund").GetProperty("amountMinor").GetInt64()));
        Assert.Equal(HourlyRate, await BalanceAsync(app, LedgerAccount.Refunds, student.Id));
        Assert.Equal("confirmed", Status(await BookedAsync(client, other.Token, mentor.Id, start)));
        Assert.True(await LedgerBalancedAsync(app));
    }

    [Theory, AllProviders]
    public async Task Cancel_Unpaid_ReleasesTheHold_WithoutARefund(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var student = await StudentAsync(client);
        var held = await HoldAsync(client, student.Token, mentor.Id, HourAfter(fixture.Clock, Duration.FromDays(2)));

        var cancelled = await (await PostAsync(client, student.Token, Id(held), "cancel", new { reason = "" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("cancelled", Status(cancelled));
        Assert.Equal(0, cancelled.GetProperty("cancellation").GetProperty("refund").GetProperty("amountMinor").GetInt64());
        Assert.Empty(await OccupyingAsync(app, mentor.Id));
        await (await PostAsync(client, student.Token, Id(held), "cancel", new { reason = "" })).JsonAsync(HttpStatusCode.Conflict);
    }

    [Theory, AllProviders]
    public async Task Cancel_AfterTheStart_Is409(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var student = await StudentAsync(client);
        var booking = await BookedAsync(client, student.Token, mentor.Id, HourAfter(fixture.Clock, Duration.FromMinutes(1)));

        fixture.Clock.Advance(Duration.FromMinutes(61));

        await (await PostAsync(client, await SignInAgainAsync(app, client, student.Id), Id(booking), "cancel", new { reason = "late" }))
            .JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, await BalanceAsync(app, LedgerAccount.Refunds, student.Id));
    }

    [Theory, AllProviders]
    public async Task Reschedule_ByStudentADayAhead_MovesTheSession_KeepsIdAndPrice_AndFreesTheOldTime(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client, bufferMinutes: 15);
        var (student, other) = (await StudentAsync(client), await StudentAsync(client));
        var start = HourAfter(fixture.Clock, Duration.FromDays(2));
        var booking = await BookedAsync(client, student.Token, mentor.Id, start);

        // Thirty minutes later overlaps the session's own time, which does not block it.
        var moved = await (await PostAsync(client, student.Token, Id(booking), "reschedule", new { start = Iso(start + Duration.FromMinutes(30)) }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal((Id(booking), "confirmed", Iso(start + Duration.FromMinutes(30))), (Id(moved), Status(moved), moved.GetProperty("start").GetString()));
        Assert.Equal(HourlyRate, moved.GetProperty("price").GetProperty("amountMinor").GetInt64());
        Assert.Equal([Iso(start)], moved.GetProperty("rescheduledFrom").EnumerateArray().Select(e => e.GetString()));
        var ics = await (await client.GetAsync($"/api/v1/bookings/{Id(booking)}/calendar.ics", student.Token)).Content.ReadAsStringAsync();
        Assert.Contains("SEQUENCE:1", ics, StringComparison.Ordinal);
        // The old hour is free again but for the new session's buffer; two hours later is free.
        await (await BookAsync(client, other.Token, Request(mentor.Id, start - Duration.FromHours(1)))).JsonAsync(HttpStatusCode.Created);
        await (await BookAsync(client, other.Token, Request(mentor.Id, start + Duration.FromHours(1)))).JsonAsync(HttpStatusCode.Conflict);
    }

    [Theory, AllProviders]
    public async Task Reschedule_ByStudentWithin24Hours_Is409_ButTheMentorMay(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var student = await StudentAsync(client);
        var start = HourAfter(fixture.Clock, Duration.FromHours(5));
        var booking = await BookedAsync(client, student.Token, mentor.Id, start);
        var later = new { start = Iso(start + Duration.FromHours(3)) };

        await (await PostAsync(client, student.Token, Id(booking), "reschedule", later)).JsonAsync(HttpStatusCode.Conflict);
        var moved = await (await PostAsync(client, mentor.Token, Id(booking), "reschedule", later)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(later.start, moved.GetProperty("start").GetString());
    }

    [Theory, AllProviders]
    public async Task Reschedule_OntoAnotherBooking_Is409_AndChangesNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var (student, other) = (await StudentAsync(client), await StudentAsync(client));
        var start = HourAfter(fixture.Clock, Duration.FromDays(3));
        var booking = await BookedAsync(client, student.Token, mentor.Id, start);
        await BookedAsync(client, other.Token, mentor.Id, start + Duration.FromHours(2));

        await (await PostAsync(client, student.Token, Id(booking), "reschedule", new { start = Iso(start + Duration.FromHours(2)) })).JsonAsync(HttpStatusCode.Conflict);
        var bad = await (await PostAsync(client, student.Token, Id(booking), "reschedule", new { start = "soon" })).JsonAsync(HttpStatusCode.BadRequest);

        Assert.True(bad.GetProperty("errors").TryGetProperty("start", out _));
        Assert.Equal(Iso(start), (await GetAsync(client, student.Token, Id(booking))).GetProperty("start").GetString());
    }

    [Theory, AllProviders]
    public async Task Outcome_ThenDisputeWithin48Hours_ThenStaffSettle_RefundsTheAmountAndReleasesTheRest(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var student = await StudentAsync(client);
        var booking = await BookedAsync(client, student.Token, mentor.Id, HourAfter(fixture.Clock, Duration.FromMinutes(1)));
        await (await PostAsync(client, mentor.Token, Id(booking), "outcome", new { outcome = "completed" })).JsonAsync(HttpStatusCode.Conflict);

        fixture.Clock.Advance(Duration.FromMinutes(125));
        var mentorUserId = (await RowAsync(app, Id(booking))).MentorUserId;
        var (mentorToken, studentToken) = (await SignInAgainAsync(app, client, mentorUserId), await SignInAgainAsync(app, client, student.Id));
        await (await PostAsync(client, studentToken, Id(booking), "outcome", new { outcome = "completed" })).JsonAsync(HttpStatusCode.Forbidden);
        var completed = await (await PostAsync(client, mentorToken, Id(booking), "outcome", new { outcome = "completed" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("completed", Status(completed));

        var disputed = await (await PostAsync(client, studentToken, Id(booking), "dispute", new { reason = "The mentor left after 20 minutes" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("disputed", Status(disputed));
        var (staff, _) = await app.StaffTokenAsync(client, "support");
        var resolved = await (await SendAsync(client, HttpMethod.Post, $"/api/v1/admin/bookings/{Id(booking)}/resolve", staff,
            new { refund = new { amountMinor = 30000, currency = "INR" }, note = "Partly delivered" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("completed", Status(resolved));
        Assert.Equal(30000, await BalanceAsync(app, LedgerAccount.Refunds, student.Id));
        // The kept 450.00 is split 70/30 at once.
        Assert.Equal((0L, 31500L), (await BalanceAsync(app, LedgerAccount.Escrow, mentorUserId), await BalanceAsync(app, LedgerAccount.MentorPayable, mentorUserId)));
        Assert.True(await LedgerBalancedAsync(app));
    }

    private async Task StudentCancelsAsync(DatabaseProvider provider, Duration ahead, long refund)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var student = await StudentAsync(client);
        var booking = await BookedAsync(client, student.Token, mentor.Id, HourAfter(fixture.Clock, ahead));

        var cancelled = await (await PostAsync(client, student.Token, Id(booking), "cancel", new { reason = "Exam moved" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("cancelled", Status(cancelled));
        var cancellation = cancelled.GetProperty("cancellation");
        Assert.Equal(("student", refund), (cancellation.GetProperty("by").GetString(), cancellation.GetProperty("refund").GetProperty("amountMinor").GetInt64()));
        Assert.Equal(refund, await BalanceAsync(app, LedgerAccount.Refunds, student.Id));
        Assert.Equal(HourlyRate - refund, await BalanceAsync(app, LedgerAccount.Escrow, (await RowAsync(app, Id(booking))).MentorUserId));
        Assert.Empty(await OccupyingAsync(app, mentor.Id));
        Assert.True(await LedgerBalancedAsync(app));
    }
}
