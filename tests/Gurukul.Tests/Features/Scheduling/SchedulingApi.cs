using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Tests.Features.Mentors;
using Gurukul.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Tests.Features.Scheduling;

/// <summary>Scheduling as a client drives it: public mentors with availability set through the API.</summary>
internal static class SchedulingApi
{
    /// <summary>Weekly hours every day of the week, as the API spells them.</summary>
    public static object[] EveryDay(string start, string end) =>
        [.. new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(day => new { day, start, end })];

    public static object Availability(
        string timezone, object[]? weekly = null, object[]? overrides = null, int[]? durations = null, int bufferMinutes = 0,
        int minNoticeMinutes = 0, int? maxSessionsPerDay = null, int horizonDays = 60) => new
    {
        timezone, weekly = weekly ?? [], overrides = overrides ?? [], durations = durations ?? [60], bufferMinutes, minNoticeMinutes,
        maxSessionsPerDay, horizonDays,
    };

    /// <summary>An approved mentor whose availability is <paramref name="availability"/>.</summary>
    public static async Task<MentorSetup.Mentor> MentorWithAsync(GurukulApp app, HttpClient client, object availability, string name = "Slot Mentor")
    {
        var mentor = await MentorSetup.CreateAsync(app, client, name);
        await (await PutAsync(client, mentor.Token, availability)).JsonAsync(HttpStatusCode.OK);
        return mentor;
    }

    public static async Task<HttpResponseMessage> PutAsync(HttpClient client, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/availability") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> SlotsAsync(HttpClient client, string idOrSlug, string query) =>
        await (await client.GetAsync($"/api/v1/mentors/{idOrSlug}/slots?{query}")).JsonAsync(HttpStatusCode.OK);

    /// <summary>Every slot of an answer, in order, as instants.</summary>
    public static List<(Instant Start, Instant End)> Slots(JsonElement answer) =>
        [.. answer.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("slots").EnumerateArray())
            .Select(s => (Parse(s.GetProperty("start").GetString()!), Parse(s.GetProperty("end").GetString()!)))];

    public static Instant Parse(string instant) => InstantPattern.ExtendedIso.Parse(instant).GetValueOrThrow();

    public static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>The local date of the zone's next transition of the kind asked (its offset rising: spring; falling: autumn).</summary>
    public static LocalDate NextTransition(string zoneId, bool forward)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var now = SystemClock.Instance.GetCurrentInstant();
        var next = zone.GetZoneIntervals(now + Duration.FromDays(2), now + Duration.FromDays(367))
            .Where(z => z.HasStart && z.Start > now + Duration.FromDays(2))
            .First(z => (z.WallOffset > zone.GetUtcOffset(z.Start - Duration.FromMinutes(1))) == forward);
        return next.Start.InZone(zone).Date;
    }
}
