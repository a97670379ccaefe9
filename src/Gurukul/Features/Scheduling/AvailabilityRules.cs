using NodaTime;

namespace Gurukul.Features.Scheduling;

/// <summary>One wall-clock interval of a day, [start, end) in minutes after midnight; end may be 1440 (24:00).</summary>
public readonly record struct DayInterval(int StartMinute, int EndMinute)
{
    public const int MinutesPerDay = 1440;
}

/// <summary>
/// A mentor's availability as the slot engine reads it: weekly hours and date overrides in the mentor's wall-clock time
/// and zone, and the booking rules around them. Immutable; built from <see cref="MentorAvailability"/> (or by tests).
/// </summary>
public sealed class AvailabilityRules
{
    private static readonly IReadOnlyList<DayInterval> None = [];
    private readonly IReadOnlyList<DayInterval>[] _weekly;

    public AvailabilityRules(
        DateTimeZone zone, IEnumerable<(IsoDayOfWeek Day, DayInterval Hours)> weekly, IReadOnlyDictionary<LocalDate, IReadOnlyList<DayInterval>> overrides,
        IReadOnlyList<int> durations, int bufferMinutes, int minNoticeMinutes, int? maxSessionsPerDay, int horizonDays)
    {
        Zone = zone;
        _weekly = new IReadOnlyList<DayInterval>[8];
        foreach (var day in weekly.GroupBy(w => w.Day))
        {
            _weekly[(int)day.Key] = [.. day.Select(d => d.Hours).OrderBy(h => h.StartMinute)];
        }

        Overrides = overrides;
        Durations = durations;
        BufferMinutes = bufferMinutes;
        MinNoticeMinutes = minNoticeMinutes;
        MaxSessionsPerDay = maxSessionsPerDay;
        HorizonDays = horizonDays;
    }

    public DateTimeZone Zone { get; }
    public IReadOnlyDictionary<LocalDate, IReadOnlyList<DayInterval>> Overrides { get; }

    /// <summary>The session lengths offered, in the mentor's order: the first is the default.</summary>
    public IReadOnlyList<int> Durations { get; }
    public int BufferMinutes { get; }
    public int MinNoticeMinutes { get; }
    public int? MaxSessionsPerDay { get; }
    public int HorizonDays { get; }

    /// <summary>The hours of one local date: its override when it has one (empty = a day off), else that weekday's hours.</summary>
    public IReadOnlyList<DayInterval> On(LocalDate date) =>
        Overrides.TryGetValue(date, out var hours) ? hours : _weekly[(int)date.DayOfWeek] ?? None;

    /// <summary>
    /// The starts a student may book at <paramref name="now"/>: from <paramref name="from"/> but not before the notice has
    /// passed, and before both <paramref name="to"/> and the end of the booking horizon.
    /// </summary>
    public (Instant Earliest, Instant EndBefore) BookableWindow(Instant now, Instant from, Instant to)
    {
        var earliest = now + Duration.FromMinutes(MinNoticeMinutes);
        var horizon = now + Duration.FromDays(HorizonDays);
        return (from > earliest ? from : earliest, to < horizon ? to : horizon);
    }
}
