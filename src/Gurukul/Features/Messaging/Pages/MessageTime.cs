using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Messaging.Pages;

/// <summary>When a message was sent, in the reader's own time zone and language: "17:30" today, "8 Dec, 17:30" before.</summary>
public static class MessageTime
{
    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Brief(DateTime utc, string timeZone, Instant now)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZone.Utc;
        var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).LocalDateTime;
        var today = now.InZone(zone).Date;
        var pattern = local.Date == today ? "HH:mm" : local.Year == today.Year ? "d MMM, HH:mm" : "d MMM yyyy, HH:mm";
        return LocalDateTimePattern.Create(pattern, CultureInfo.CurrentCulture).Format(local);
    }

    /// <summary>"120 KB", "1.4 MB".</summary>
    public static string Size(long bytes) => bytes < 1024 * 1024
        ? string.Format(CultureInfo.CurrentCulture, "{0:N0} KB", Math.Max(1, bytes / 1024))
        : string.Format(CultureInfo.CurrentCulture, "{0:N1} MB", bytes / (1024.0 * 1024));
}
