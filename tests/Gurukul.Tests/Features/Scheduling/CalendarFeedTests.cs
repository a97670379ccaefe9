using System.Net;
using System.Text;
using Gurukul.Features.Scheduling;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using NodaTime;
using Xunit;

namespace Gurukul.Tests.Features.Scheduling;

/// <summary>The private calendar feed (API.md <c>GET/POST /api/v1/me/calendar-feed</c>) and the ICS Gurukul writes.</summary>
public sealed class CalendarFeedTests(AppFixture apps) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Feed_IsTheSameAddressUntilReplaced_AndAReplacedAddressIsGone(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());

        var first = (await (await client.GetAsync("/api/v1/me/calendar-feed", token)).JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString()!;
        var again = (await (await client.GetAsync("/api/v1/me/calendar-feed", token)).JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString()!;
        Assert.Equal(first, again);
        Assert.Matches(@"^http://localhost/calendar/[A-Za-z0-9_-]{43}\.ics$", first);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(first).PathAndQuery)).StatusCode);

        var replaced = (await (await client.PostAsync("/api/v1/me/calendar-feed", new { }, token)).JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString()!;

        Assert.NotEqual(first, replaced);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(first).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(replaced).PathAndQuery)).StatusCode);
        Assert.Equal(replaced, (await (await client.GetAsync("/api/v1/me/calendar-feed", token)).JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me/calendar-feed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/calendar/not-a-real-feed-address-at-all.ics")).StatusCode);
    }

    [Theory, AllProviders]
    public async Task Feed_IsAValidEmptyCalendar_ThatPythonIcalendarReads(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());
        var url = (await (await client.GetAsync("/api/v1/me/calendar-feed", token)).JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString()!;

        var response = await client.GetAsync(new Uri(url).PathAndQuery);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", body, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", body, StringComparison.Ordinal);
        var parsed = await ICalendarParser.ParseAsync(body);
        Assert.Equal("2.0", parsed.GetProperty("version").GetString());
        Assert.Equal("Gurukul sessions", parsed.GetProperty("name").GetString());
        Assert.Empty(parsed.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task CalendarFile_FoldsLongLines_KeepsUids_WritesUtc_AndMarksCancelled()
    {
        var start = Instant.FromUtc(2027, 3, 28, 0, 30);
        var description = string.Concat(Enumerable.Repeat("ప్రశ్నలు సిద్ధం చేసుకోండి — bring your questions. ", 6));
        var entries = new[]
        {
            new CalendarEntry("booking-1@gurukul", start, start + Duration.FromHours(1), "Physics with Asha Rao", description,
                new Uri("https://gurukul.example/sessions/1"), 2, false, start - Duration.FromDays(3)),
            new CalendarEntry("booking-2@gurukul", start + Duration.FromDays(1), start + Duration.FromDays(1) + Duration.FromMinutes(30), "Chemistry; revision, part 2",
                null, null, 0, true, start),
        };

        var ics = CalendarFile.Write("Gurukul sessions", entries);

        // RFC 5545 3.1: lines of at most 75 octets, CRLF, continuation lines start with a space.
        var lines = ics.Split("\r\n");
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.Contains(lines, line => line.StartsWith(' '));
        Assert.Contains("DTSTART:20270328T003000Z", lines);
        var parsed = await ICalendarParser.ParseAsync(ics);
        var events = parsed.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["booking-1@gurukul", "booking-2@gurukul"], events.Select(e => e.GetProperty("uid").GetString()));
        Assert.All(events, e => Assert.True(e.GetProperty("start").GetProperty("utc").GetBoolean() && e.GetProperty("end").GetProperty("utc").GetBoolean()));
        Assert.Equal("2027-03-28T00:30:00+00:00", events[0].GetProperty("start").GetProperty("iso").GetString());
        Assert.Equal(description.Trim(), events[0].GetProperty("description").GetString()!.Trim());
        Assert.Equal(2, events[0].GetProperty("sequence").GetInt32());
        Assert.Equal("CONFIRMED", events[0].GetProperty("status").GetString());
        Assert.Equal("CANCELLED", events[1].GetProperty("status").GetString());
        Assert.Equal("Chemistry; revision, part 2", events[1].GetProperty("summary").GetString());
        // The same sessions written again give the same UIDs: calendars update events rather than duplicating them.
        Assert.Equal(events.Select(e => e.GetProperty("uid").GetString()),
            (await ICalendarParser.ParseAsync(CalendarFile.Write("Gurukul sessions", entries))).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("uid").GetString()));
    }
}
