using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Bookings.BookingsApi;

namespace Gurukul.Tests.Features.Bookings;

/// <summary>What the booking endpoints refuse, and how: bad fields named, strangers told nothing, retries answered once.</summary>
public sealed class BookingRequestTests(BookingsFixture fixture) : IClassFixture<BookingsFixture>
{
    [Theory, AllProviders]
    public async Task Book_WithBadFields_Is400NamingEachOne(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);

        var problem = await (await BookAsync(client, student.Token, new
        {
            mentorId = "someone", start = (string?)null, durationMinutes = 0, sessionType = "chat", sessionLanguage = "",
            questionnaire = new { purpose = " ", questions = new[] { "" } },
        })).JsonAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal(
            ["durationMinutes", "mentorId", "questionnaire.purpose", "questionnaire.questions[0]", "sessionLanguage", "sessionType", "start"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        // A value that is not an instant at all fails reading the body, before the rules: it is named all the same.
        var unreadable = await (await BookAsync(client, student.Token, new { start = "tomorrow" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(unreadable.GetProperty("errors").TryGetProperty("start", out _));
    }

    [Theory, AllProviders]
    public async Task Book_ADurationTheMentorDoesNotOffer_OrALanguageNeitherSpeaks_Is400NamingIt(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var student = await StudentAsync(client);
        var start = HourAfter(fixture.Clock, Duration.FromDays(2));

        var duration = await (await BookAsync(client, student.Token, Request(mentor.Id, start, durationMinutes: 45))).JsonAsync(HttpStatusCode.BadRequest);
        var language = await (await BookAsync(client, student.Token, Request(mentor.Id, start, sessionLanguage: "ta"))).JsonAsync(HttpStatusCode.BadRequest);
        var purpose = await (await BookAsync(client, student.Token, Request(mentor.Id, start, purpose: null))).JsonAsync(HttpStatusCode.BadRequest);

        Assert.True(duration.GetProperty("errors").TryGetProperty("durationMinutes", out _));
        Assert.True(language.GetProperty("errors").TryGetProperty("sessionLanguage", out _));
        Assert.True(purpose.GetProperty("errors").TryGetProperty("questionnaire.purpose", out _));
        Assert.Empty(await OccupyingAsync(app, mentor.Id));
    }

    [Theory, AllProviders]
    public async Task Book_ATimeThatIsNotASlot_OrAnUnknownMentor_IsRefused(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var student = await StudentAsync(client);

        await (await BookAsync(client, student.Token, Request(mentor.Id, HourAfter(fixture.Clock, Duration.FromDays(2)) + Duration.FromMinutes(10))))
            .JsonAsync(HttpStatusCode.Conflict);
        await (await BookAsync(client, student.Token, Request(mentor.Id, HourAfter(fixture.Clock, Duration.FromDays(-1))))).JsonAsync(HttpStatusCode.Conflict);
        await (await BookAsync(client, student.Token, Request(Guid.NewGuid(), HourAfter(fixture.Clock, Duration.FromDays(2))))).JsonAsync(HttpStatusCode.NotFound);
    }

    [Theory, AllProviders]
    public async Task Book_ByAMentorOfThemselves_OrAStudentUnder16WithoutConsent_Is403(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var today = fixture.Clock.GetCurrentInstant().InUtc().Date;
        var minor = await StudentAsync(client, dateOfBirth: SchedulingIso(today.PlusYears(-14)), guardianEmail: ApiClient.NewEmail("parent"));
        var start = HourAfter(fixture.Clock, Duration.FromDays(2));

        await (await BookAsync(client, mentor.Token, Request(mentor.Id, start))).JsonAsync(HttpStatusCode.Forbidden);
        var refused = await (await BookAsync(client, minor.Token, Request(mentor.Id, start))).JsonAsync(HttpStatusCode.Forbidden);

        Assert.Contains("guardian", refused.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await OccupyingAsync(app, mentor.Id));
    }

    [Theory, AllProviders]
    public async Task Booking_OfSomeoneElse_Is404ToAStranger_ForEveryEndpoint(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var (student, stranger) = (await StudentAsync(client), await StudentAsync(client));
        var booking = await BookedAsync(client, student.Token, mentor.Id, HourAfter(fixture.Clock, Duration.FromDays(2)));
        var id = Id(booking);

        await (await client.GetAsync($"/api/v1/bookings/{id}", stranger.Token)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/bookings/{id}/calendar.ics", stranger.Token)).JsonAsync(HttpStatusCode.NotFound);
        await (await PostAsync(client, stranger.Token, id, "cancel", new { reason = "mine now" })).JsonAsync(HttpStatusCode.NotFound);
        await (await PostAsync(client, stranger.Token, id, "reschedule", new { start = Iso(HourAfter(fixture.Clock, Duration.FromDays(3))) })).JsonAsync(HttpStatusCode.NotFound);
        await (await PostAsync(client, stranger.Token, id, "dispute", new { reason = "x" })).JsonAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/bookings/not-a-booking", student.Token)).JsonAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await client.GetAsync("/api/v1/bookings?as=student", stranger.Token)).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/bookings/{id}")).StatusCode);
        Assert.Equal("confirmed", Status(await GetAsync(client, student.Token, id)));
    }

    [Theory, AllProviders]
    public async Task Post_WithTheSameIdempotencyKey_AnswersTheFirstResponseAgain_AndAnotherBodyIs422(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var student = await StudentAsync(client);
        var start = HourAfter(fixture.Clock, Duration.FromDays(2));
        var key = Guid.NewGuid().ToString();

        var first = await (await BookAsync(client, student.Token, Request(mentor.Id, start), key)).JsonAsync(HttpStatusCode.Created);
        var again = await (await BookAsync(client, student.Token, Request(mentor.Id, start), key)).JsonAsync(HttpStatusCode.Created);
        await (await BookAsync(client, student.Token, Request(mentor.Id, start + Duration.FromHours(2)), key)).JsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(Id(first), Id(again));
        Assert.Single(await OccupyingAsync(app, mentor.Id));

        await PayAsync(client, student.Token, first);
        var cancelKey = Guid.NewGuid().ToString();
        var cancelled = await (await PostAsync(client, student.Token, Id(first), "cancel", new { reason = "Exam moved" }, cancelKey)).JsonAsync(HttpStatusCode.OK);
        var replayed = await (await PostAsync(client, student.Token, Id(first), "cancel", new { reason = "Exam moved" }, cancelKey)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(cancelled.GetProperty("cancellation").GetProperty("at").GetString(), replayed.GetProperty("cancellation").GetProperty("at").GetString());
        Assert.Equal(HourlyRate, await BalanceAsync(app, Gurukul.Features.Ledger.LedgerAccount.Refunds, student.Id));
    }

    [Theory, AllProviders]
    public async Task List_WithBadParameters_Is400NamingThem(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);

        var problem = await (await client.GetAsync("/api/v1/bookings?as=parent&when=someday&limit=500", student.Token)).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["as", "limit", "when"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        await (await client.GetAsync("/api/v1/bookings?cursor=forged", student.Token)).JsonAsync(HttpStatusCode.BadRequest);
    }

    private static string SchedulingIso(LocalDate date) => Scheduling.SchedulingApi.Iso(date);
}
