using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Scheduling;

/// <summary>
/// API.md <c>PUT /api/v1/me/availability</c> body. Every field is nullable to the binder, so each missing or bad one is named;
/// <c>overrides</c> (none) and <c>maxSessionsPerDay</c> (no cap) may be left out.
/// </summary>
public sealed record AvailabilityRequest(
    string? Timezone, List<WeeklyHoursDto?>? Weekly, List<int>? Durations, int? BufferMinutes, int? MinNoticeMinutes, int? HorizonDays,
    List<DateOverrideDto?>? Overrides = null, int? MaxSessionsPerDay = null);

/// <summary>An interval of a weekday: <c>{ "day": "monday", "start": "09:00", "end": "12:30" }</c> (end may be "24:00").</summary>
public sealed record WeeklyHoursDto(string? Day, string? Start, string? End);

/// <summary>A date whose hours replace the weekday's; an empty <c>intervals</c> list is a day off.</summary>
public sealed record DateOverrideDto(string? Date, List<HoursDto?>? Intervals);

public sealed record HoursDto(string? Start, string? End);

/// <summary>API.md <c>Availability</c>: what the mentor set, as the request has it.</summary>
public sealed record AvailabilityDto(
    string Timezone, IReadOnlyList<WeeklyHoursDto> Weekly, IReadOnlyList<DateOverrideDto> Overrides, IReadOnlyList<int> Durations,
    int BufferMinutes, int MinNoticeMinutes, int? MaxSessionsPerDay, int HorizonDays)
{
    public static AvailabilityDto From(AvailabilitySettings settings) => new(
        settings.TimeZone,
        [.. settings.Weekly.Select(w => new WeeklyHoursDto(WallClock.DayName(w.Day), WallClock.Format(w.Hours.StartMinute), WallClock.Format(w.Hours.EndMinute)))],
        [.. settings.Overrides.Select(o => new DateOverrideDto(
            LocalDatePattern.Iso.Format(o.Date), [.. o.Hours.Select(h => (HoursDto?)new HoursDto(WallClock.Format(h.StartMinute), WallClock.Format(h.EndMinute)))]))],
        settings.Durations, settings.BufferMinutes, settings.MinNoticeMinutes, settings.MaxSessionsPerDay, settings.HorizonDays);
}

/// <summary>API.md slots answer: the offered sessions of one length, grouped by their date in <c>timezone</c>.</summary>
public sealed record SlotsDto(string MentorId, int Duration, string Timezone, IReadOnlyList<SlotDayDto> Days);

public sealed record SlotDayDto(string Date, IReadOnlyList<SlotDto> Slots);

/// <summary>UTC instants (<c>2026-12-01T09:30:00Z</c>).</summary>
public sealed record SlotDto(DateTime Start, DateTime End);

/// <summary>The API's spelling of days and wall-clock times.</summary>
public static class WallClock
{
    private static readonly string[] DayNames = ["", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static string DayName(IsoDayOfWeek day) => DayNames[(int)day];

    public static IsoDayOfWeek? Day(string? name)
    {
        var index = Array.IndexOf(DayNames, name?.Trim().ToLowerInvariant() ?? "");
        return index > 0 ? (IsoDayOfWeek)index : null;
    }

    /// <summary><c>HH:mm</c>; 1440 minutes is <c>24:00</c>.</summary>
    public static string Format(int minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");

    /// <summary>
    /// Minutes after midnight of <c>HH:mm</c> (two digits each, 00:00–23:59), or of <c>24:00</c> when
    /// <paramref name="endOfDay"/> allows it; null for anything else.
    /// </summary>
    public static int? Minutes(string? text, bool endOfDay)
    {
        var value = text?.Trim();
        if (value is not { Length: 5 } || value[2] != ':' || !value.Remove(2, 1).All(char.IsAsciiDigit))
        {
            return null;
        }

        var hours = int.Parse(value[..2], CultureInfo.InvariantCulture);
        var minutes = int.Parse(value[3..], CultureInfo.InvariantCulture);
        if (endOfDay && hours == 24 && minutes == 0)
        {
            return DayInterval.MinutesPerDay;
        }

        return hours < 24 && minutes < 60 ? (hours * 60) + minutes : null;
    }
}
