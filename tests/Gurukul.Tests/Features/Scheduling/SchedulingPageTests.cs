using System.Net;
using System.Text.RegularExpressions;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Mentors;
using Gurukul.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;
using Xunit;
using static Gurukul.Tests.Features.Scheduling.SchedulingApi;

namespace Gurukul.Tests.Features.Scheduling;

/// <summary>The availability page and the profile calendar as a browser without JavaScript uses them, and their htmx fragment.</summary>
public sealed partial class SchedulingPageTests(AppFixture apps) : IClassFixture<AppFixture>
{
    private static readonly DateTimeZone Kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

    [Theory, AllProviders]
    public async Task AvailabilityPage_SavesHoursAndADayOff_AndThePreviewShowsThem(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (mentor, email) = await MentorAsync(app, "Page Scheduler");
        using var page = await PageClient.SignInAsync(app, email);
        var today = SystemClock.Instance.GetCurrentInstant().InZone(Kolkata).Date;
        var dayOff = today.PlusDays(3);

        using var saved = await page.PostFormAsync("/mentor/availability",
        [
            new("timezone", "Asia/Kolkata"),
            .. Enumerable.Range(1, 7).SelectMany(d => new KeyValuePair<string, string>[] { new($"w-{d}-0-start", "18:00"), new($"w-{d}-0-end", "20:00") }),
            new("o-0-date", Iso(dayOff)),
            new("durations", "60"), new("buffer", "10"), new("notice", "0"), new("cap", ""), new("horizon", "30"),
        ]);

        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        Assert.Equal("/mentor/availability?saved=1", PageClient.RedirectTarget(saved));
        var html = await page.HtmlAsync("/mentor/availability?saved=1");
        Assert.Contains("data-testid=\"saved\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{Iso(dayOff)}\"", html, StringComparison.Ordinal);
        // The preview: the day off has no slots, the other coming days have 18:00 and 18:30 … 19:00.
        var preview = html[html.IndexOf("data-testid=\"week-preview\"", StringComparison.Ordinal)..];
        Assert.Matches($"data-date=\"{Iso(dayOff)}\">\\s*<h3[^>]*>[^<]*</h3>\\s*<p[^>]*data-testid=\"no-slots\"", preview);
        Assert.Matches($"data-date=\"{Iso(today.PlusDays(4))}\">[\\s\\S]*?>18:00<[\\s\\S]*?>18:30<[\\s\\S]*?>19:00<", preview);
        var api = await (await page.Http.GetAsync("/api/v1/me/availability")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(7, api.GetProperty("weekly").GetArrayLength());
        Assert.Equal(mentor.Id.ToString(), (await SlotsAsync(page.Http, mentor.Slug, $"from={Iso(today.PlusDays(4))}&to={Iso(today.PlusDays(4))}")).GetProperty("mentorId").GetString());
    }

    [Theory, AllProviders]
    public async Task AvailabilityPage_BadValues_ComeBackAsTypedWithTheMessageBesideEach(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var (_, email) = await MentorAsync(app, "Hasty Scheduler");
        using var page = await PageClient.SignInAsync(app, email, ApiClient.Password);
        page.Http.DefaultRequestHeaders.Add("Accept-Language", "hi");

        using var response = await page.PostFormAsync("/mentor/availability",
        [
            new("timezone", "Asia/Kolkata"),
            new("w-1-0-start", "10:00"), new("w-1-0-end", "09:00"),
            new("w-3-0-start", "09:00"), new("w-3-0-end", "12:00"), new("w-3-1-start", "11:00"), new("w-3-1-end", "13:00"),
            new("o-0-date", "2027-01-05"), new("o-0-0-start", "08:00"), new("o-0-0-end", ""),
            new("buffer", "five"), new("notice", "0"), new("horizon", "30"),
        ]);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<ul id=\"w-1-0-end-error\"", html, StringComparison.Ordinal);
        Assert.Contains("<ul id=\"w-3-1-start-error\"", html, StringComparison.Ordinal);
        Assert.Contains("<ul id=\"o-0-0-end-error\"", html, StringComparison.Ordinal);
        Assert.Contains("<ul id=\"buffer-error\"", html, StringComparison.Ordinal);
        Assert.Contains("<ul id=\"durations-error\"", html, StringComparison.Ordinal);
        Assert.Contains("समाप्ति शुरुआत के बाद होनी चाहिए।", html, StringComparison.Ordinal);
        // What the mentor typed is still there.
        Assert.Matches("id=\"w-3-1-start\"[^>]*value=\"11:00\"", html);
        Assert.Matches("id=\"buffer\"[^>]*value=\"five\"", html);
        Assert.Contains("value=\"2027-01-05\"", html, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task ProfileCalendar_WithoutJavaScript_ShowsTheMonthAndDayInTheChosenZone_WithPlainLinks(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorWithAsync(app, client, Availability("Europe/London", weekly: EveryDay("09:00", "10:00"), minNoticeMinutes: 0), "Calendar Mentor");
        using var page = PageClient.Anonymous(app);
        var tomorrow = SystemClock.Instance.GetCurrentInstant().InZone(Kolkata).Date.PlusDays(1);
        var month = YearMonthPattern.Iso.Format(tomorrow.ToYearMonth());

        // At first, in the mentor's zone (the browser would detect the reader's): the day's 09:00 and 09:30 London starts.
        var first = await page.HtmlAsync($"/mentors/{mentor.Slug}");
        Assert.Contains("data-zone=\"Europe/London\" data-zone-source=\"mentor\"", first, StringComparison.Ordinal);

        var html = await page.HtmlAsync($"/mentors/{mentor.Slug}?month={month}&day={Iso(tomorrow)}&tz=Asia/Kolkata");

        Assert.Contains("data-zone=\"Asia/Kolkata\" data-zone-source=\"reader\"", html, StringComparison.Ordinal);
        var day = html[html.IndexOf("id=\"calendar-day\"", StringComparison.Ordinal)..];
        var starts = SlotStart().Matches(day).Select(m => SchedulingApi.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(starts);
        Assert.All(starts, s => Assert.Equal(tomorrow, s.InZone(Kolkata).Date));
        Assert.All(starts, s => Assert.Contains(s.InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).TimeOfDay, new[] { new LocalTime(9, 0) }));
        Assert.Contains("data-testid=\"mentor-time\"", day, StringComparison.Ordinal);
        // Each day with slots is a plain link to the page (and an htmx request for the fragment).
        Assert.Matches($"href=\"/mentors/{mentor.Slug}\\?month={month}&amp;day={Iso(tomorrow)}&amp;tz=Asia%2FKolkata&amp;duration=60#calendar\"", html);
        // The chosen zone is remembered for the next profile.
        var remembered = await page.HtmlAsync($"/mentors/{mentor.Slug}");
        Assert.Contains("data-zone=\"Asia/Kolkata\"", remembered, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task CalendarFragment_IsOnlyTheCalendar_AndPutsThePagesAddressInTheBar(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorWithAsync(app, client, Availability("Asia/Kolkata", weekly: EveryDay("09:00", "12:00"), durations: [30, 60]), "Fragment Mentor");
        var month = YearMonthPattern.Iso.Format(SystemClock.Instance.GetCurrentInstant().InZone(Kolkata).Date.ToYearMonth());

        var response = await client.GetAsync($"/mentors/{mentor.Slug}/calendar?month={month}&tz=Europe/London&duration=60");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<section id=\"calendar\"", html.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
        Assert.StartsWith($"/mentors/{mentor.Slug}?month={month}", response.Headers.GetValues("HX-Push-Url").Single(), StringComparison.Ordinal);
        Assert.Contains("tz=Europe%2FLondon&duration=60#calendar", response.Headers.GetValues("HX-Push-Url").Single(), StringComparison.Ordinal);
        Assert.Contains("gurukul.tz=Europe%2FLondon", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
        // A zone the browser detected leaves the address as it was.
        var detected = await client.GetAsync($"/mentors/{mentor.Slug}/calendar?month={month}&tz=Asia/Tokyo&duration=60&detected=1");
        Assert.Equal(HttpStatusCode.OK, detected.StatusCode);
        Assert.False(detected.Headers.Contains("HX-Push-Url"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/mentors/nobody-here/calendar")).StatusCode);
    }

    private static async Task<(MentorSetup.Mentor Mentor, string Email)> MentorAsync(GurukulApp app, string name)
    {
        var client = app.CreateClient();
        var email = ApiClient.NewEmail("mentor");
        var (token, _) = await client.RegisterAsync(email, role: "mentor");
        var profile = await (await SendAsync(client, token, MentorSetup.Profile())).JsonAsync(HttpStatusCode.OK);
        var id = Guid.Parse(profile.GetProperty("id").GetString()!);
        await MentorSetup.MoveToAsync(app, id, VerificationStatus.Approved);
        return (new MentorSetup.Mentor(token, id, profile.GetProperty("slug").GetString()!), email);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string token, object profile)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/mentor-profile") { Content = System.Net.Http.Json.JsonContent.Create(profile) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [GeneratedRegex("data-slot-start=\"([^\"]+)\"")]
    private static partial Regex SlotStart();
}
