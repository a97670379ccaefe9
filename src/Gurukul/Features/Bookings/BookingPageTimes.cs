using System.Globalization;
using Gurukul.Features.Scheduling;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>How booking pages show times: in the zone the reader chose on a calendar, else their account's zone.</summary>
public sealed class BookingPageTimes(GurukulDbContext db)
{
    public async Task<DateTimeZone> ZoneAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(http.Request.Cookies[CalendarQuery.ZoneCookie] ?? "") is { } chosen)
        {
            return chosen;
        }

        var userId = Accounts.AccountsEndpoints.UserId(http.User);
        var own = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TimeZone).SingleOrDefaultAsync(cancellationToken);
        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(own ?? "") ?? DateTimeZone.Utc;
    }

    /// <summary>"Tuesday 1 December 2026, 15:00–16:00 (Asia/Kolkata)" in the page's language.</summary>
    public static string Span(Instant start, Instant end, DateTimeZone zone)
    {
        var from = start.InZone(zone);
        return $"{from.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture)}–{end.InZone(zone).ToString("HH:mm", CultureInfo.InvariantCulture)} ({zone.Id})";
    }

    public static string Time(Instant at, DateTimeZone zone) => at.InZone(zone).ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);
}
