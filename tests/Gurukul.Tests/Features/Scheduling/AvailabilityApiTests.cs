using System.Net;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Mentors;
using Gurukul.Tests.Infrastructure;
using Xunit;
using static Gurukul.Tests.Features.Scheduling.SchedulingApi;

namespace Gurukul.Tests.Features.Scheduling;

/// <summary><c>GET/PUT /api/v1/me/availability</c> (API.md "Availability and slots").</summary>
public sealed class AvailabilityApiTests(AppFixture apps) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Get_BeforeTheFirstPut_IsAnEmptyWeekInTheProfilesZone(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorSetup.CreateAsync(app, client, "New Scheduler");

        var availability = await (await client.GetAsync("/api/v1/me/availability", mentor.Token)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Asia/Kolkata", availability.GetProperty("timezone").GetString());
        Assert.Empty(availability.GetProperty("weekly").EnumerateArray());
        Assert.Empty(availability.GetProperty("overrides").EnumerateArray());
        Assert.Equal([60], availability.GetProperty("durations").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(JsonValueKind.Null, availability.GetProperty("maxSessionsPerDay").ValueKind);
    }

    [Theory, AllProviders]
    public async Task Put_ThenGet_ReturnsWhatWasSaved_InTheMentorsOrder(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorSetup.CreateAsync(app, client, "Saving Scheduler");
        var body = Availability(
            "Europe/London",
            weekly: [new { day = "tuesday", start = "14:00", end = "24:00" }, new { day = "monday", start = "09:00", end = "12:30" }, new { day = "monday", start = "06:00", end = "08:00" }],
            overrides: [new { date = "2027-01-04", intervals = Array.Empty<object>() }, new { date = "2027-01-02", intervals = new object[] { new { start = "10:00", end = "11:00" } } }],
            durations: [90, 30], bufferMinutes: 15, minNoticeMinutes: 720, maxSessionsPerDay: 3, horizonDays: 90);

        var saved = await (await PutAsync(client, mentor.Token, body)).JsonAsync(HttpStatusCode.OK);
        var read = await (await client.GetAsync("/api/v1/me/availability", mentor.Token)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(saved.ToString(), read.ToString());
        Assert.Equal("Europe/London", read.GetProperty("timezone").GetString());
        Assert.Equal(["monday 06:00-08:00", "monday 09:00-12:30", "tuesday 14:00-24:00"],
            read.GetProperty("weekly").EnumerateArray().Select(w => $"{w.GetProperty("day")} {w.GetProperty("start")}-{w.GetProperty("end")}"));
        Assert.Equal(["2027-01-02:10:00-11:00", "2027-01-04:"], read.GetProperty("overrides").EnumerateArray().Select(o =>
            $"{o.GetProperty("date")}:{string.Join(",", o.GetProperty("intervals").EnumerateArray().Select(i => $"{i.GetProperty("start")}-{i.GetProperty("end")}"))}"));
        Assert.Equal([90, 30], read.GetProperty("durations").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal((15, 720, 3, 90), (read.GetProperty("bufferMinutes").GetInt32(), read.GetProperty("minNoticeMinutes").GetInt32(),
            read.GetProperty("maxSessionsPerDay").GetInt32(), read.GetProperty("horizonDays").GetInt32()));

        // A second save replaces everything, including hours with the same keys as before.
        var again = await (await PutAsync(client, mentor.Token, Availability("Europe/London", weekly: [new { day = "monday", start = "09:00", end = "10:00" }])))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Single(again.GetProperty("weekly").EnumerateArray());
        Assert.Empty(again.GetProperty("overrides").EnumerateArray());
    }

    [Theory, AllProviders]
    public async Task Put_BadValues_AreEach400NamingTheirPath(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorSetup.CreateAsync(app, client, "Careless Scheduler");
        var body = new
        {
            timezone = "Mars/Olympus_Mons",
            weekly = new object[]
            {
                new { day = "monday", start = "09:00", end = "12:00" },
                new { day = "funday", start = "09:00", end = "10:00" },
                new { day = "tuesday", start = "10:00", end = "09:30" },
                new { day = "monday", start = "11:00", end = "13:00" },
                new { day = "friday", start = "9am", end = "25:00" },
                new { day = "saturday", start = "24:00", end = "24:00" },
            },
            overrides = new object[]
            {
                new { date = "2027-02-30", intervals = Array.Empty<object>() },
                new { date = "2027-03-01", intervals = new object[] { new { start = "08:00", end = "10:00" }, new { start = "09:00", end = "11:00" } } },
                new { date = "2027-03-01", intervals = Array.Empty<object>() },
                new { date = "2027-03-02", intervals = (object[]?)null },
            },
            durations = new[] { 60, 50, 60 },
            bufferMinutes = 121,
            minNoticeMinutes = -1,
            maxSessionsPerDay = 0,
            horizonDays = 366,
        };

        var problem = await (await PutAsync(client, mentor.Token, body)).JsonAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "bufferMinutes", "durations[1]", "durations[2]", "horizonDays", "maxSessionsPerDay", "minNoticeMinutes",
                "overrides[0].date", "overrides[1].intervals[1].start", "overrides[2].date", "overrides[3].intervals", "timezone",
                "weekly[1].day", "weekly[2].end", "weekly[3].start", "weekly[4].end", "weekly[4].start", "weekly[5].start",
            ],
            errors);

        // Nothing was saved.
        var unchanged = await (await client.GetAsync("/api/v1/me/availability", mentor.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(unchanged.GetProperty("weekly").EnumerateArray());
    }

    [Theory, AllProviders]
    public async Task Put_MissingFieldsOrWrongJsonTypes_Are400NamingTheField(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorSetup.CreateAsync(app, client, "Terse Scheduler");

        var missing = await (await PutAsync(client, mentor.Token, new { timezone = "Asia/Kolkata" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["bufferMinutes", "durations", "horizonDays", "minNoticeMinutes", "weekly"],
            missing.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));

        var wrongType = await (await PutAsync(client, mentor.Token, new { timezone = "Asia/Kolkata", weekly = new[] { new { day = "monday", start = 9, end = "10:00" } } }))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("weekly[0].start", out _), wrongType.ToString());
    }

    [Theory, AllProviders]
    public async Task Availability_IsForMentorsWithAProfile(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var (student, _) = await client.RegisterAsync(ApiClient.NewEmail("student"));
        var (mentorWithoutProfile, _) = await client.RegisterAsync(ApiClient.NewEmail("mentor"), role: "mentor");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me/availability")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/me/availability", student)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(client, student, Availability("Asia/Kolkata"))).StatusCode);
        var none = await (await client.GetAsync("/api/v1/me/availability", mentorWithoutProfile)).JsonAsync(HttpStatusCode.NotFound);
        Assert.Contains("mentor profile", none.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(client, mentorWithoutProfile, Availability("Asia/Kolkata"))).StatusCode);
    }
}
