using System.Net;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Mentors;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Scheduling.SchedulingApi;

namespace Gurukul.Tests.Features.Scheduling;

/// <summary><c>GET /api/v1/mentors/{idOrSlug}/slots</c> (API.md "Availability and slots"), on real clocks and real zones.</summary>
public sealed class SlotsApiTests(AppFixture apps) : IClassFixture<AppFixture>
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly DateTimeZone Kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

    [Theory, AllProviders]
    public async Task LondonMentorSeenFromKolkata_SlotsAreLondonHours_GroupedByKolkataDates(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorWithAsync(app, client, Availability("Europe/London", weekly: [new { day = "monday", start = "09:00", end = "12:00" }], minNoticeMinutes: 0));
        var today = SystemClock.Instance.GetCurrentInstant().InZone(Kolkata).Date;

        var answer = await SlotsAsync(client, mentor.Slug, $"from={Iso(today)}&to={Iso(today.PlusDays(20))}&timezone=Asia/Kolkata");

        Assert.Equal(mentor.Id.ToString(), answer.GetProperty("mentorId").GetString());
        Assert.Equal(60, answer.GetProperty("duration").GetInt32());
        Assert.Equal("Asia/Kolkata", answer.GetProperty("timezone").GetString());
        var days = answer.GetProperty("days").EnumerateArray().ToList();
        Assert.InRange(days.Count, 2, 3);
        foreach (var day in days)
        {
            var slots = day.GetProperty("slots").EnumerateArray().Select(s => (Start: Parse(s.GetProperty("start").GetString()!), End: Parse(s.GetProperty("end").GetString()!))).ToList();
            // Monday 09:00, 09:30 … 11:00 in London: five one-hour sessions, each on the Kolkata date the day is labelled with.
            Assert.Equal(["09:00", "09:30", "10:00", "10:30", "11:00"], slots.Select(s => s.Start.InZone(London).TimeOfDay.ToString("HH:mm", null)));
            Assert.All(slots, s => Assert.Equal(IsoDayOfWeek.Monday, s.Start.InZone(London).DayOfWeek));
            Assert.All(slots, s => Assert.Equal(day.GetProperty("date").GetString(), Iso(s.Start.InZone(Kolkata).Date)));
            Assert.All(slots, s => Assert.Equal(Duration.FromHours(1), s.End - s.Start));
        }

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$", days[0].GetProperty("slots")[0].GetProperty("start").GetString());
    }

    [Theory, AllProviders]
    public async Task SpringForward_NoSlotInTheMissingHour_AndEachSessionLastsItsRealHour(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var date = NextTransition("Europe/London", forward: true);
        var mentor = await MentorWithAsync(app, client, Availability("Europe/London",
            overrides: [new { date = Iso(date), intervals = new object[] { new { start = "00:00", end = "04:00" } } }], horizonDays: 365));

        var slots = Slots(await SlotsAsync(client, mentor.Id.ToString(), $"from={Iso(date)}&to={Iso(date)}&timezone=Europe/London"));

        // 00:00–04:00 that night is three real hours (01:00–01:59 does not exist): starts 00:00, 00:30, then 02:00 BST onwards.
        var midnight = date.AtStartOfDayInZone(London).ToInstant();
        Assert.Equal([0, 30, 60, 90, 120], slots.Select(s => (int)(s.Start - midnight).TotalMinutes));
        Assert.Equal(["00:00", "00:30", "02:00", "02:30", "03:00"], slots.Select(s => s.Start.InZone(London).TimeOfDay.ToString("HH:mm", null)));
        Assert.All(slots, s => Assert.Equal(Duration.FromHours(1), s.End - s.Start));
    }

    [Theory, AllProviders]
    public async Task FallBack_TheRepeatedHourIsOfferedOncePerRealInstant(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var date = NextTransition("Europe/London", forward: false);
        var mentor = await MentorWithAsync(app, client, Availability("Europe/London",
            overrides: [new { date = Iso(date), intervals = new object[] { new { start = "00:00", end = "04:00" } } }], horizonDays: 365));

        var slots = Slots(await SlotsAsync(client, mentor.Slug, $"from={Iso(date)}&to={Iso(date)}&timezone=Europe/London"));

        // Five real hours: 01:00 and 01:30 come twice (BST, then GMT), as different instants an hour apart.
        var midnight = date.AtStartOfDayInZone(London).ToInstant();
        Assert.Equal([0, 30, 60, 90, 120, 150, 180, 210, 240], slots.Select(s => (int)(s.Start - midnight).TotalMinutes));
        Assert.Equal(["00:00", "00:30", "01:00", "01:30", "01:00", "01:30", "02:00", "02:30", "03:00"],
            slots.Select(s => s.Start.InZone(London).TimeOfDay.ToString("HH:mm", null)));
        Assert.Equal(slots.Count, slots.Select(s => s.Start).Distinct().Count());
    }

    [Theory, AllProviders]
    public async Task Duration_ChoosesTheLengthAndStep_AndNoticeHidesTheNearSlots(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorWithAsync(app, client, Availability("Asia/Kolkata", weekly: EveryDay("10:00", "11:00"), durations: [30, 15], minNoticeMinutes: 2880));
        var today = SystemClock.Instance.GetCurrentInstant().InZone(Kolkata).Date;
        var query = $"from={Iso(today)}&to={Iso(today.PlusDays(5))}";

        var thirty = await SlotsAsync(client, mentor.Slug, query);
        var fifteen = await SlotsAsync(client, mentor.Slug, query + "&duration=15");

        Assert.Equal(30, thirty.GetProperty("duration").GetInt32());
        Assert.Equal("Asia/Kolkata", thirty.GetProperty("timezone").GetString());
        Assert.All(thirty.GetProperty("days").EnumerateArray(), d => Assert.Equal(2, d.GetProperty("slots").GetArrayLength()));
        Assert.All(fifteen.GetProperty("days").EnumerateArray(), d => Assert.Equal(4, d.GetProperty("slots").GetArrayLength()));
        // Two days' notice: nothing today or tomorrow, and every slot starts at least 48 hours from now.
        var days = thirty.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("date").GetString()).ToList();
        Assert.DoesNotContain(Iso(today), days);
        Assert.DoesNotContain(Iso(today.PlusDays(1)), days);
        Assert.All(Slots(thirty), s => Assert.True(s.Start >= SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(2)));
    }

    [Theory, AllProviders]
    public async Task BadQueries_AreEach400NamingTheParameter(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorWithAsync(app, client, Availability("Asia/Kolkata", weekly: EveryDay("10:00", "11:00")));

        async Task<List<string>> Errors(string query) =>
            [.. (await (await client.GetAsync($"/api/v1/mentors/{mentor.Slug}/slots?{query}")).JsonAsync(HttpStatusCode.BadRequest))
                .GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(["from", "timezone", "to"], await Errors("from=2027-13-01&to=tomorrow&timezone=Asia/Nowhere"));
        Assert.Equal(["to"], await Errors("from=2027-01-10&to=2027-01-09"));
        Assert.Equal(["to"], await Errors("from=2027-01-01&to=2027-02-13"));
        Assert.Equal(["duration"], await Errors("from=2027-01-01&to=2027-01-02&duration=45"));
        Assert.Equal(["duration"], await Errors("duration=sixty"));
        // 42 days apart is the most.
        await SlotsAsync(client, mentor.Slug, "from=2027-01-01&to=2027-02-12");
    }

    [Theory, AllProviders]
    public async Task OnlyPublicMentorsHaveSlots_AndARetiredSlugRedirects(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var pending = await MentorSetup.CreateAsync(app, client, "Pending Slots", VerificationStatus.Pending);
        var paused = await MentorSetup.CreateAsync(app, client, "Paused Slots", active: false);
        var renamed = await MentorWithAsync(app, client, Availability("Asia/Kolkata", weekly: EveryDay("10:00", "11:00")), "Renamed Slots");
        var oldSlug = renamed.Slug;
        await (await MentorSetup.ChangeSlugAsync(client, renamed.Token, $"renamed-slots-{Guid.NewGuid():N}"[..30])).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/mentors/{pending.Slug}/slots")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/mentors/{paused.Id}/slots")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/mentors/nobody-at-all/slots")).StatusCode);
        var noRedirects = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var moved = await noRedirects.GetAsync($"/api/v1/mentors/{oldSlug}/slots?duration=60");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.EndsWith("/slots?duration=60", moved.Headers.Location!.ToString(), StringComparison.Ordinal);
        // A mentor who never set availability has no slots, in their profile's zone.
        var none = await SlotsAsync(client, (await MentorSetup.CreateAsync(app, client, "Unscheduled")).Slug, "");
        Assert.Empty(none.GetProperty("days").EnumerateArray());
        Assert.Equal("Asia/Kolkata", none.GetProperty("timezone").GetString());
    }
}
