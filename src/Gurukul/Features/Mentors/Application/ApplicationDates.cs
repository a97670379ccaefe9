using System.Globalization;
using NodaTime;

namespace Gurukul.Features.Mentors.Application;

/// <summary>Dates on the application pages, on the mentor's own clock (their profile's time zone) and in their language.</summary>
public static class ApplicationDates
{
    public static string Format(DateTime utc, string? timeZone)
    {
        var zone = (timeZone is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone)) ?? DateTimeZone.Utc;
        var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).LocalDateTime;
        return local.ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture);
    }
}
