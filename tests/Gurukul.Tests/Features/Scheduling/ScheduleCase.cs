using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Gurukul.Features.Scheduling;
using NodaTime;
using NodaTime.Text;
using Interval = NodaTime.Interval;

namespace Gurukul.Tests.Features.Scheduling;

/// <summary>
/// One generated scheduling situation: a zone with DST (or none), three local days around one of its transitions, random
/// weekly hours and overrides (days off, other hours), random taken sessions, buffer, notice, cap and horizon, and a "now"
/// inside or before the days. Printed in full when a property fails, so the case can be replayed by hand.
/// </summary>
public sealed record ScheduleCase(
    string ZoneId, LocalDate FirstDate, IReadOnlyList<(IsoDayOfWeek Day, DayInterval Hours)> Weekly,
    IReadOnlyDictionary<LocalDate, IReadOnlyList<DayInterval>> Overrides, IReadOnlyList<int> Durations, int BufferMinutes,
    int MinNoticeMinutes, int? MaxSessionsPerDay, int HorizonDays, Instant Now, IReadOnlyList<Interval> Taken)
{
    public const int Days = 3;

    /// <summary>The zones the issue names: Lord Howe's DST moves by 30 minutes, São Paulo's moved at midnight (until 2019).</summary>
    public static readonly string[] Zones =
        ["Asia/Kolkata", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "America/Sao_Paulo"];

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[ZoneId];

    public AvailabilityRules Rules => new(Zone, Weekly, Overrides, Durations, BufferMinutes, MinNoticeMinutes, MaxSessionsPerDay, HorizonDays);

    /// <summary>The instants of the generated days: from the start of the first to the start of the day after the last.</summary>
    public Interval Range => new(FirstDate.AtStartOfDayInZone(Zone).ToInstant(), FirstDate.PlusDays(Days).AtStartOfDayInZone(Zone).ToInstant());

    public static Arbitrary<ScheduleCase> Arbitrary { get; } = Arb.From(Generator());

    private static Gen<ScheduleCase> Generator() =>
        from zoneId in Gen.Elements(Zones)
        from first in FirstDateNearTransition(zoneId)
        from weekly in Gen.CollectToList(Enumerable.Range(1, 7), day => DayHours().Select(h => h.Select(i => ((IsoDayOfWeek)day, i))))
        from overrides in Gen.CollectToList(Enumerable.Range(0, Days), offset =>
            Gen.Frequency((2, Gen.Constant<IReadOnlyList<DayInterval>?>(null)), (1, DayHours().Select(h => (IReadOnlyList<DayInterval>?)h))))
        from durations in Gen.SubListOf(AvailabilityValidation.OfferableDurations.ToArray()).Where(d => d.Count > 0)
        from buffer in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 120)))
        from notice in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, 180)), (1, Gen.Choose(0, 2880)))
        from cap in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(1, 3).Select(c => (int?)c)))
        from horizon in Gen.Frequency((3, Gen.Choose(4, 6)), (1, Gen.Choose(1, 3)))
        // Mostly before the days (all of them bookable), sometimes inside them (notice and horizon cut through).
        from nowMinute in Gen.Frequency((3, Gen.Choose(-2880, -1)), (1, Gen.Choose(0, Days * 1440)))
        from takenCount in Gen.Choose(0, 4)
        from taken in Gen.ListOf(Gen.Zip(Gen.Choose(-240, (Days * 1440) + 240), Gen.Choose(15, 150)), takenCount)
        select Build(zoneId, first, weekly, overrides, durations, buffer, notice, cap, horizon, nowMinute, taken);

    private static ScheduleCase Build(
        string zoneId, LocalDate first, List<IEnumerable<(IsoDayOfWeek, DayInterval)>> weekly, List<IReadOnlyList<DayInterval>?> overrides,
        IList<int> durations, int buffer, int notice, int? cap, int horizon, int nowMinute, IList<(int Start, int Length)> taken)
    {
        var start = first.AtStartOfDayInZone(DateTimeZoneProviders.Tzdb[zoneId]).ToInstant();
        var byDate = new Dictionary<LocalDate, IReadOnlyList<DayInterval>>();
        for (var i = 0; i < overrides.Count; i++)
        {
            if (overrides[i] is { } hours)
            {
                byDate[first.PlusDays(i)] = hours;
            }
        }

        return new ScheduleCase(
            zoneId, first, [.. weekly.SelectMany(d => d)], byDate, [.. durations], buffer, notice, cap, horizon,
            start + Duration.FromMinutes(nowMinute),
            [.. taken.Select(t => new Interval(start + Duration.FromMinutes(t.Start), start + Duration.FromMinutes(t.Start + t.Length)))]);
    }

    /// <summary>Mostly a day just before a DST transition of the zone (2012–2030), sometimes any day.</summary>
    private static Gen<LocalDate> FirstDateNearTransition(string zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var transitions = zone.GetZoneIntervals(Instant.FromUtc(2012, 1, 1, 0, 0), Instant.FromUtc(2030, 12, 31, 0, 0))
            .Where(z => z.HasStart).Select(z => z.Start.InZone(zone).Date).ToArray();
        var anyDay = Gen.Choose(0, 365 * 18).Select(d => new LocalDate(2012, 1, 1).PlusDays(d));
        return transitions.Length == 0
            ? anyDay
            : Gen.Frequency((4, Gen.Zip(Gen.Elements(transitions), Gen.Choose(0, Days - 1)).Select(t => t.Item1.PlusDays(-t.Item2))), (1, anyDay));
    }

    /// <summary>
    /// 0–3 non-overlapping intervals of a day. Their edges favour the hours clocks change at (00:00–03:00), quarter hours,
    /// and now and then any minute, so grids that do not line up with a transition are tried too.
    /// </summary>
    private static Gen<IReadOnlyList<DayInterval>> DayHours() =>
        from count in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 3)))
        from edges in Gen.ArrayOf(Edge(), count * 2)
        select (IReadOnlyList<DayInterval>)Pair(edges);

    private static Gen<int> Edge() => Gen.Frequency(
        (3, Gen.Choose(0, 12).Select(q => q * 15)),
        (3, Gen.Choose(0, 96).Select(q => q * 15)),
        (1, Gen.Choose(0, 1440)),
        (1, Gen.Constant(1440)));

    private static List<DayInterval> Pair(int[] edges)
    {
        var sorted = edges.Distinct().Order().ToArray();
        var hours = new List<DayInterval>();
        for (var i = 0; i + 1 < sorted.Length; i += 2)
        {
            hours.Add(new DayInterval(sorted[i], sorted[i + 1]));
        }

        return hours;
    }

    public override string ToString()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{ZoneId} from {LocalDatePattern.Iso.Format(FirstDate)}, now {Now}; ");
        text.Append(CultureInfo.InvariantCulture, $"durations [{string.Join(",", Durations)}], buffer {BufferMinutes}, notice {MinNoticeMinutes}, cap {MaxSessionsPerDay?.ToString(CultureInfo.InvariantCulture) ?? "none"}, horizon {HorizonDays}; ");
        text.Append("weekly ").AppendJoin(" ", Weekly.Select(w => $"{w.Day}:{WallClock.Format(w.Hours.StartMinute)}-{WallClock.Format(w.Hours.EndMinute)}"));
        text.Append("; overrides ").AppendJoin(" ", Overrides.Select(o => $"{LocalDatePattern.Iso.Format(o.Key)}:[{string.Join(",", o.Value.Select(h => $"{WallClock.Format(h.StartMinute)}-{WallClock.Format(h.EndMinute)}"))}]"));
        text.Append("; taken ").AppendJoin(" ", Taken.Select(t => $"{t.Start}/{t.End}"));
        return text.ToString();
    }
}
