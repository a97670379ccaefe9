using System.Net;
using Gurukul.Features.Ledger;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Scheduling;
using Gurukul.Tests.Infrastructure;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Bookings.BookingsApi;

namespace Gurukul.Tests.Features.Bookings;

/// <summary>Booking end to end on the sandbox: the hold, paying, the hold lapsing, what the slot engine and the calendars see.</summary>
public sealed class BookingFlowTests(BookingsFixture fixture) : IClassFixture<BookingsFixture>
{
    [Theory, AllProviders]
    public async Task Book_ThenPayInTheSandbox_ConfirmsTheBooking_PutsThePriceInEscrow_AndShowsItToBothParties(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var student = await StudentAsync(client);
        var start = HourAfter(fixture.Clock, Duration.FromDays(2));

        var held = await HoldAsync(client, student.Token, mentor.Id, start);

        Assert.Equal("pending_payment", Status(held));
        Assert.Equal((Iso(start), Iso(start + Duration.FromHours(1)), 60), (held.GetProperty("start").GetString(), held.GetProperty("end").GetString(),
            held.GetProperty("durationMinutes").GetInt32()));
        Assert.Equal((HourlyRate, "INR"), (held.GetProperty("price").GetProperty("amountMinor").GetInt64(), held.GetProperty("price").GetProperty("currency").GetString()));
        var payment = held.GetProperty("payment");
        Assert.Equal(("sandbox", "pending"), (payment.GetProperty("provider").GetString(), payment.GetProperty("status").GetString()));
        Assert.Contains("/checkout", payment.GetProperty("checkoutUrl").GetString(), StringComparison.Ordinal);
        // The hold lasts 10 minutes (PostgreSQL keeps microseconds of the clock's ticks).
        var holdLeft = SchedulingApi.Parse(payment.GetProperty("expiresAt").GetString()!) - fixture.Clock.GetCurrentInstant();
        Assert.InRange(holdLeft, Duration.FromMinutes(10) - Duration.FromMilliseconds(1), Duration.FromMinutes(10));
        Assert.Equal((mentor.Id.ToString(), mentor.Slug), (held.GetProperty("mentor").GetProperty("id").GetString(), held.GetProperty("mentor").GetProperty("slug").GetString()));
        Assert.Equal(student.Id, held.GetProperty("student").GetProperty("id").GetString());
        Assert.Equal("Organic chemistry for NEET", held.GetProperty("questionnaire").GetProperty("purpose").GetString());
        Assert.DoesNotContain(await SlotStartsAsync(client, mentor, start), s => s == start);

        await PayAsync(client, student.Token, held);

        var booked = await GetAsync(client, student.Token, Id(held));
        Assert.Equal("confirmed", Status(booked));
        Assert.Equal("succeeded", booked.GetProperty("payment").GetProperty("status").GetString());
        var row = await RowAsync(app, Id(held));
        Assert.Equal(HourlyRate, await BalanceAsync(app, LedgerAccount.Escrow, row.MentorUserId));
        Assert.DoesNotContain(await SlotStartsAsync(client, mentor, start), s => s == start);

        var asMentor = await (await client.GetAsync("/api/v1/bookings?as=mentor&when=upcoming", mentor.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(Id(held), Assert.Single(asMentor.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var asStudent = await (await client.GetAsync("/api/v1/bookings?as=student&when=upcoming", student.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(Id(held), Assert.Single(asStudent.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty((await (await client.GetAsync("/api/v1/bookings?as=student&when=past", student.Token)).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());

        var ics = await client.GetAsync($"/api/v1/bookings/{Id(held)}/calendar.ics", student.Token);
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        var file = await ics.Content.ReadAsStringAsync();
        Assert.Contains($"DTSTART:{start.InUtc():yyyyMMdd'T'HHmmss}Z", file, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:0", file, StringComparison.Ordinal);
        Assert.True(await LedgerBalancedAsync(app));
    }

    [Theory, AllProviders]
    public async Task SecondStudent_DuringTheHold_IsToldTheSlotIsTaken(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client, bufferMinutes: 15);
        var (first, second) = (await StudentAsync(client), await StudentAsync(client));
        var start = HourAfter(fixture.Clock, Duration.FromDays(3));
        await HoldAsync(client, first.Token, mentor.Id, start);

        var same = await (await BookAsync(client, second.Token, Request(mentor.Id, start))).JsonAsync(HttpStatusCode.Conflict);
        // The buffer: a session starting right at the end of the held one would leave no 15 minutes between them.
        await (await BookAsync(client, second.Token, Request(mentor.Id, start + Duration.FromHours(1)))).JsonAsync(HttpStatusCode.Conflict);
        await (await BookAsync(client, second.Token, Request(mentor.Id, start - Duration.FromMinutes(30)))).JsonAsync(HttpStatusCode.Conflict);

        Assert.Equal(409, same.GetProperty("status").GetInt32());
        Assert.Single(await OccupyingAsync(app, mentor.Id));
    }

    [Theory, AllProviders]
    public async Task Book_TheSameSlotAgainByTheSameStudent_ReturnsTheirHold(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var student = await StudentAsync(client);
        var start = HourAfter(fixture.Clock, Duration.FromDays(3));

        var first = await HoldAsync(client, student.Token, mentor.Id, start);
        var again = await HoldAsync(client, student.Token, mentor.Id, start);

        Assert.Equal(Id(first), Id(again));
        Assert.Equal(first.GetProperty("payment").GetProperty("id").GetString(), again.GetProperty("payment").GetProperty("id").GetString());
    }

    [Theory, AllProviders]
    public async Task Hold_WhenItLapsesUnpaid_ExpiresAndTheSlotIsOfferedAgain(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var (first, second) = (await StudentAsync(client), await StudentAsync(client));
        var start = HourAfter(fixture.Clock, Duration.FromDays(4));
        var held = await HoldAsync(client, first.Token, mentor.Id, start);

        fixture.Clock.Advance(Duration.FromMinutes(10) + Duration.FromSeconds(1));
        await Poll.UntilAsync(async () => Status(await GetAsync(client, first.Token, Id(held))) == "expired", "the hold expired");

        Assert.Contains(await SlotStartsAsync(client, mentor, start), s => s == start);
        var taken = await HoldAsync(client, second.Token, mentor.Id, start);
        Assert.Equal("pending_payment", Status(taken));
        Assert.Equal("expired", Status(await GetAsync(client, first.Token, Id(held))));
    }

    [Theory, AllProviders]
    public async Task Payment_ThatFails_KeepsTheHold_AndTheStudentMayPayAgain(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var student = await StudentAsync(client);
        var held = await HoldAsync(client, student.Token, mentor.Id, HourAfter(fixture.Clock, Duration.FromDays(5)));

        await PayAsync(client, student.Token, held, "failed");
        Assert.Equal("pending_payment", Status(await GetAsync(client, student.Token, Id(held))));

        await PayAsync(client, student.Token, held);
        Assert.Equal("confirmed", Status(await GetAsync(client, student.Token, Id(held))));
    }

    [Theory, AllProviders]
    public async Task CalendarFeed_CarriesTheConfirmedSessionForBothParties(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var student = await StudentAsync(client);
        var start = HourAfter(fixture.Clock, Duration.FromDays(6));
        var booking = await BookedAsync(client, student.Token, mentor.Id, start);

        foreach (var token in new[] { student.Token, mentor.Token })
        {
            var feed = await (await client.GetAsync("/api/v1/me/calendar-feed", token)).JsonAsync(HttpStatusCode.OK);
            var body = await client.GetStringAsync(new Uri(feed.GetProperty("url").GetString()!));
            Assert.Contains($"DTSTART:{start.InUtc():yyyyMMdd'T'HHmmss}Z", body, StringComparison.Ordinal);
            Assert.Contains(Id(booking), body, StringComparison.Ordinal);
        }
    }

    private static async Task<List<Instant>> SlotStartsAsync(HttpClient client, Gurukul.Tests.Features.Mentors.MentorSetup.Mentor mentor, Instant around)
    {
        var date = around.InUtc().Date;
        var answer = await SchedulingApi.SlotsAsync(client, mentor.Slug, $"from={SchedulingApi.Iso(date)}&to={SchedulingApi.Iso(date)}&timezone=UTC");
        return [.. SchedulingApi.Slots(answer).Select(s => s.Start)];
    }
}
