using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Scheduling;

/// <summary>Where the zone a calendar is shown in came from: asked for, remembered from an earlier choice, or the mentor's (the browser may then detect the reader's).</summary>
public enum ViewerZoneSource
{
    Chosen,
    Remembered,
    MentorsZone,
}

/// <summary>
/// The month calendar of a public profile, in the reader's zone: which days have slots, the chosen day's slots, and the
/// links around them. The page address carries the whole state (<c>?month=2027-01&amp;day=2027-01-12&amp;tz=…&amp;duration=60</c>),
/// so every part works as a plain link without JavaScript.
/// </summary>
public sealed record CalendarView(
    ScheduleMentor Mentor, DateTimeZone MentorZone, DateTimeZone Zone, ViewerZoneSource ZoneSource, IReadOnlyList<int> Durations, int Duration,
    YearMonth Month, LocalDate Today, LocalDate? Day, IReadOnlyDictionary<LocalDate, IReadOnlyList<Slot>> Slots, YearMonth LastMonth)
{
    public bool ZonesDiffer => MentorZone.Id != Zone.Id;

    public YearMonth? Previous => Month > Today.ToYearMonth() ? Month.PlusMonths(-1) : null;

    public YearMonth? Next => Month < LastMonth ? Month.PlusMonths(1) : null;

    public IReadOnlyList<Slot> DaySlots => Day is { } day && Slots.TryGetValue(day, out var slots) ? slots : [];

    /// <summary>The address of this calendar with some of its state changed: the page's, or its htmx fragment's.</summary>
    public string Link(YearMonth? month = null, LocalDate? day = null, bool fragment = false, int? duration = null, string? zone = null) =>
        $"/mentors/{Mentor.Slug}{(fragment ? "/calendar" : "")}" + new QueryBuilder(new Dictionary<string, string>
        {
            ["month"] = YearMonthPattern.Format(month ?? Month),
            ["day"] = LocalDatePattern.Iso.Format(day ?? Day ?? (month ?? Month).OnDayOfMonth(1)),
            ["tz"] = zone ?? Zone.Id,
            ["duration"] = (duration ?? Duration).ToString(CultureInfo.InvariantCulture),
        }.Where(p => p.Key != "day" || day is not null || (month is null && Day is not null))).ToQueryString() + (fragment ? "" : "#calendar");

    public static readonly YearMonthPattern YearMonthPattern = YearMonthPattern.Iso;
}

/// <summary>The calendar's query as the page or fragment received it (every value text; bad ones fall back to defaults).</summary>
public sealed record CalendarQuery(string? Month, string? Day, string? Zone, string? Duration, string? RememberedZone)
{
    public const string ZoneCookie = "gurukul.tz";

    public static CalendarQuery From(HttpRequest request) => new(
        request.Query["month"], request.Query["day"], request.Query["tz"], request.Query["duration"], request.Cookies[ZoneCookie]);

    /// <summary>Remembers a zone the reader chose (for a year), so their next profile opens in it.</summary>
    public static void Remember(HttpResponse response, CalendarView view)
    {
        if (view.ZoneSource == ViewerZoneSource.Chosen)
        {
            response.Cookies.Append(ZoneCookie, view.Zone.Id, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps, IsEssential = true,
            });
        }
    }
}

/// <summary>Builds <see cref="CalendarView"/>s for public profiles, from the same engine and data as the slots API.</summary>
public sealed class ProfileCalendar(SlotService slots, IClock clock)
{
    public async Task<CalendarView> ForAsync(ScheduleMentor mentor, CalendarQuery query, CancellationToken cancellationToken)
    {
        var availability = await slots.LoadAsync(mentor, cancellationToken);
        var mentorZone = availability.Rules().Zone;
        var (zone, source) = Zone(query.Zone) is { } chosen ? (chosen, ViewerZoneSource.Chosen)
            : Zone(query.RememberedZone) is { } remembered ? (remembered, ViewerZoneSource.Remembered)
            : (mentorZone, ViewerZoneSource.MentorsZone);
        var now = clock.GetCurrentInstant();
        var today = now.InZone(zone).Date;
        var lastMonth = (now + NodaTime.Duration.FromDays(availability.HorizonDays)).InZone(zone).Date.ToYearMonth();
        var month = CalendarView.YearMonthPattern.Parse(query.Month ?? "") is { Success: true } asked
            && asked.Value >= today.ToYearMonth() && asked.Value <= lastMonth ? asked.Value : today.ToYearMonth();
        var duration = int.TryParse(query.Duration, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && availability.Durations.Contains(minutes)
            ? minutes : availability.Durations[0];

        var found = await slots.DaysAsync(mentor.Id, availability, duration, zone, month.OnDayOfMonth(1), month.OnDayOfMonth(1).PlusMonths(1).PlusDays(-1), cancellationToken);
        var byDay = found.Days.ToDictionary(d => d.Date, d => d.Slots);
        LocalDate? day = LocalDatePattern.Iso.Parse(query.Day ?? "") is { Success: true } date && byDay.ContainsKey(date.Value) ? date.Value
            : found.Days.Count > 0 ? found.Days[0].Date : null;
        return new CalendarView(mentor, mentorZone, zone, source, availability.Durations, duration, month, today, day, byDay, lastMonth);
    }

    private static DateTimeZone? Zone(string? id) => string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim());
}
