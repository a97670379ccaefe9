using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Gurukul.Features.Scheduling;

/// <summary>
/// Writes RFC 5545 calendars with Ical.Net: times in UTC (<c>DTSTART:20261201T093000Z</c>), one VEVENT per entry with its
/// stable UID and SEQUENCE, STATUS:CANCELLED once cancelled. Ical.Net folds long lines at 75 octets and escapes text.
/// </summary>
public static class CalendarFile
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(string name, IEnumerable<CalendarEntry> entries)
    {
        var calendar = new Calendar { ProductId = "-//Gurukul//Sessions//EN", Method = "PUBLISH" };
        calendar.AddProperty(new CalendarProperty("X-WR-CALNAME", name));
        // Subscribed calendars poll; this asks for an hourly refresh (Apple and Outlook read it; Google polls on its own).
        var refresh = new CalendarProperty("REFRESH-INTERVAL", "PT1H");
        refresh.Parameters.Add("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        calendar.AddProperty(new CalendarProperty("X-PUBLISHED-TTL", "PT1H"));
        foreach (var entry in entries)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = entry.Uid,
                DtStart = new CalDateTime(entry.Start.ToDateTimeUtc(), "UTC", true),
                DtEnd = new CalDateTime(entry.End.ToDateTimeUtc(), "UTC", true),
                DtStamp = new CalDateTime(entry.Changed.ToDateTimeUtc(), "UTC", true),
                Summary = entry.Summary,
                Description = entry.Description,
                Url = entry.Url,
                Sequence = entry.Sequence,
                Status = entry.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
