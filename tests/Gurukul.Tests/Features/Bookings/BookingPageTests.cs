using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Bookings.BookingsApi;

namespace Gurukul.Tests.Features.Bookings;

/// <summary>The booking pages as a browser without JavaScript sees them, in the student's language.</summary>
public sealed class BookingPageTests(BookingsFixture fixture) : IClassFixture<BookingsFixture>
{
    [Theory]
    [InlineData("en", "Book a session with Ravi Kumar", "Say in a few words what the session is for")]
    [InlineData("hi", "Ravi Kumar के साथ सत्र बुक करें", "कुछ शब्दों में बताएँ कि यह सत्र किसलिए है")]
    [InlineData("te", "Ravi Kumar తో సెషన్ బుక్ చేయండి", "ఈ సెషన్ దేని కోసమో కొన్ని మాటల్లో చెప్పండి")]
    public async Task BookForm_WithoutAPurpose_IsShownAgainWithTheInputAndTheMessage(string culture, string heading, string message)
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var api = app.CreateClient();
        var mentor = await MentorAsync(app, api);
        var student = await StudentAsync(api);
        using var page = await PageClient.SignInAsync(app, student.Email);
        var path = $"/mentors/{mentor.Slug}/book?start={Uri.EscapeDataString(Iso(HourAfter(fixture.Clock, Duration.FromDays(2))))}&culture={culture}";

        var form = await page.HtmlAsync(path);
        Assert.Contains(heading, form, StringComparison.Ordinal);

        using var response = await page.PostFormAsync(path, [
            new("Input.SessionType", "career_counselling"), new("Input.SessionLanguage", "en"), new("Input.Purpose", " "),
            new("Input.Questions", "Which colleges take NEET ranks?"), new("Input.Challenges", "Time")]);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("Which colleges take NEET ranks?", html, StringComparison.Ordinal);
        Assert.Matches("value=\"career_counselling\"\\s+checked", html);
        Assert.Empty(await OccupyingAsync(app, mentor.Id));
    }

    [Theory, AllProviders]
    public async Task BookForm_Submitted_HoldsTheSlotAndGoesToTheCheckout_AndMySessionsShowsIt(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var api = app.CreateClient();
        var mentor = await MentorAsync(app, api);
        var student = await StudentAsync(api);
        using var page = await PageClient.SignInAsync(app, student.Email);
        var path = $"/mentors/{mentor.Slug}/book?start={Uri.EscapeDataString(Iso(HourAfter(fixture.Clock, Duration.FromDays(2))))}";

        using var response = await page.PostFormAsync(path, [
            new("Input.SessionType", "exam_prep"), new("Input.SessionLanguage", "en"), new("Input.Purpose", "Organic chemistry revision")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches("^/payments/[0-9a-f-]+/checkout$", PageClient.RedirectTarget(response));
        var held = Assert.Single(await OccupyingAsync(app, mentor.Id));
        var sessions = await page.HtmlAsync("/sessions");
        Assert.Contains($"/bookings/{held.Id}", sessions, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "If you cancel now you get ₹375")]
    [InlineData("hi", "अभी रद्द करने पर आपको ₹375")]
    [InlineData("te", "ఇప్పుడు రద్దు చేస్తే మీకు ₹375")]
    public async Task CancelPage_SaysWhatThePolicyWillGiveBack_BeforeTheStudentConfirms(string culture, string preview)
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var api = app.CreateClient();
        var mentor = await MentorAsync(app, api);
        var student = await StudentAsync(api);
        var booking = await BookedAsync(api, student.Token, mentor.Id, HourAfter(fixture.Clock, Duration.FromHours(3)));
        using var page = await PageClient.SignInAsync(app, student.Email);

        var html = await page.HtmlAsync($"/bookings/{Id(booking)}/cancel?culture={culture}");

        Assert.Contains(preview, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"cancel-confirm\"", html, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task CancelForm_WithoutJavaScript_CancelsAndRefundsHalfThreeHoursBefore(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var api = app.CreateClient();
        var mentor = await MentorAsync(app, api);
        var student = await StudentAsync(api);
        var booking = await BookedAsync(api, student.Token, mentor.Id, HourAfter(fixture.Clock, Duration.FromHours(3)));
        using var page = await PageClient.SignInAsync(app, student.Email);

        using var response = await page.PostFormAsync($"/bookings/{Id(booking)}/cancel", [new("Input.Reason", "Exam moved")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/bookings/{Id(booking)}", PageClient.RedirectTarget(response), StringComparison.Ordinal);
        var cancelled = await GetAsync(api, student.Token, Id(booking));
        Assert.Equal(("cancelled", HourlyRate / 2), (Status(cancelled), cancelled.GetProperty("cancellation").GetProperty("refund").GetProperty("amountMinor").GetInt64()));
        Assert.Equal(HourlyRate / 2, await BalanceAsync(app, Gurukul.Features.Ledger.LedgerAccount.Refunds, student.Id));
    }

    [Fact]
    public async Task MySessions_ShowsTheMentorTheStudentsQuestionnaire()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var api = app.CreateClient();
        var mentor = await MentorAsync(app, api);
        var student = await StudentAsync(api);
        await BookedAsync(api, student.Token, mentor.Id, HourAfter(fixture.Clock, Duration.FromDays(2)));
        var email = await Payments.TestPurchases.WithAsync(app, s => Task.FromResult(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<GurukulDbContext>(s).MentorProfiles
                .Where(m => m.Id == mentor.Id).Select(m => m.User!.Email!).Single()));
        using var page = await PageClient.SignInAsync(app, email);

        var html = await page.HtmlAsync("/sessions?as=mentor");

        Assert.Contains("data-testid=\"session-questionnaire\"", html, StringComparison.Ordinal);
        Assert.Contains("Organic chemistry for NEET", html, StringComparison.Ordinal);
        Assert.Contains("How do I remember named reactions?", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BookingPage_NamesTheSessionLanguage_NotItsCode()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var api = app.CreateClient();
        var mentor = await MentorAsync(app, api);
        var student = await StudentAsync(api);
        var booking = await HoldAsync(api, student.Token, mentor.Id, HourAfter(fixture.Clock, Duration.FromDays(2)));
        using var page = await PageClient.SignInAsync(app, student.Email);

        var html = await page.HtmlAsync($"/bookings/{Id(booking)}");

        Assert.Contains("<bdi lang=\"en\">English</bdi>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BookingPage_OfSomeoneElse_IsNotFound()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var api = app.CreateClient();
        var mentor = await MentorAsync(app, api);
        var (student, stranger) = (await StudentAsync(api), await StudentAsync(api));
        var booking = await HoldAsync(api, student.Token, mentor.Id, HourAfter(fixture.Clock, Duration.FromDays(2)));
        using var page = await PageClient.SignInAsync(app, stranger.Email);

        using var response = await page.GetAsync($"/bookings/{Id(booking)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
