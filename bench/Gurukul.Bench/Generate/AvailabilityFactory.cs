namespace Gurukul.Bench.Generate;

/// <summary>A mentor's availability (migration 0012): rules, weekly hours in their own zone, and date overrides.</summary>
public sealed record AvailabilityRow(
    Guid MentorId, string TimeZone, int[] Durations, int BufferMinutes, int MinNoticeMinutes, int? MaxSessionsPerDay, int HorizonDays,
    DateTime UpdatedAt, List<(int Day, int Start, int End)> Weekly, List<(DateOnly Date, List<(int Start, int End)> Hours)> Overrides);

/// <summary>
/// Realistic hours for a mentor, in the mentor's own zone (a few percent live abroad, so their zones vary): most teach on
/// weekday evenings after work or college, some on weekend mornings, some keep office hours; a few never set any. Some take
/// days off or change a day's hours in the coming weeks. Same mentor, same seed, same hours.
/// </summary>
public sealed class AvailabilityFactory(int seed)
{
    public const int Kind = 3;

    private static readonly WeightedSet<string> Patterns = WeightedSet.From(new Dictionary<string, double>
    {
        ["evenings"] = 40, ["evenings+weekend"] = 22, ["afternoons"] = 12, ["office"] = 10, ["weekends"] = 6, ["split"] = 4, ["none"] = 6,
    });

    private static readonly WeightedSet<int[]> DurationSets = WeightedSet.From(new Dictionary<int[], double>
    {
        [[60]] = 45, [[30, 60]] = 20, [[60, 90]] = 10, [[30]] = 8, [[45]] = 5, [[60, 30, 120]] = 5, [[15, 30]] = 4, [[90]] = 3,
    });

    private static readonly WeightedSet<int> Horizons = WeightedSet.From(new Dictionary<int, double>
    {
        [14] = 5, [30] = 35, [60] = 32, [90] = 18, [180] = 7, [365] = 3,
    });

    private static readonly WeightedSet<int> Notices = WeightedSet.From(new Dictionary<int, double>
    {
        [0] = 5, [60] = 10, [120] = 20, [240] = 30, [720] = 20, [1440] = 12, [2880] = 3,
    });

    private static readonly WeightedSet<int> Buffers = WeightedSet.From(new Dictionary<int, double> { [0] = 45, [10] = 20, [15] = 20, [30] = 15 });

    /// <summary>The availability of mentor number <c>index + 1</c> as of <paramref name="today"/> (overrides fall in the coming weeks), or none.</summary>
    public AvailabilityRow? Create(int index, MentorRow mentor, DateOnly today)
    {
        var draw = Draw.For(seed, Kind, index);
        var pattern = draw.Weighted(Patterns);
        if (pattern == "none")
        {
            return null;
        }

        var weekly = new List<(int Day, int Start, int End)>();
        void Add(IEnumerable<int> days, int start, int end)
        {
            foreach (var day in days)
            {
                weekly.Add((day, start, end));
            }
        }

        // Starts on the half hour mostly, a few at a quarter past; lengths of two to four hours.
        int Time(int earliestHour, int latestHour) => (draw.Between(earliestHour * 2, latestHour * 2) * 30) + (draw.Chance(0.08) ? 15 : 0);
        var weekdays = Enumerable.Range(1, 5).Where(_ => draw.Chance(0.85)).ToList();
        switch (pattern)
        {
            case "evenings" or "evenings+weekend":
                var evening = Time(17, 20);
                Add(weekdays, evening, Math.Min(1440, evening + (draw.Between(4, 8) * 30)));
                if (pattern == "evenings+weekend")
                {
                    var morning = Time(8, 11);
                    Add(draw.Chance(0.6) ? [6, 7] : [draw.Chance(0.5) ? 6 : 7], morning, morning + (draw.Between(4, 8) * 30));
                }

                break;
            case "afternoons":
                var afternoon = Time(13, 16);
                Add(weekdays.Append(6), afternoon, afternoon + (draw.Between(4, 8) * 30));
                break;
            case "office":
                var opening = Time(9, 10);
                Add(Enumerable.Range(1, draw.Chance(0.5) ? 6 : 5), opening, 13 * 60);
                Add(Enumerable.Range(1, draw.Chance(0.5) ? 6 : 5), 14 * 60, Math.Min(1440, 14 * 60 + (draw.Between(6, 10) * 30)));
                break;
            case "weekends":
                var start = Time(9, 15);
                Add([6, 7], start, start + (draw.Between(4, 10) * 30));
                break;
            default:
                var early = Time(6, 7);
                var late = Time(19, 21);
                Add(weekdays, early, early + 90);
                Add(weekdays, late, Math.Min(1440, late + 120));
                break;
        }

        var overrides = new List<(DateOnly Date, List<(int Start, int End)> Hours)>();
        if (draw.Chance(0.35))
        {
            foreach (var offset in Enumerable.Range(0, draw.Between(1, 4)).Select(_ => draw.Between(1, 60)).Distinct())
            {
                var date = today.AddDays(offset);
                overrides.Add((date, draw.Chance(0.75) ? [] : [(Time(9, 12), Time(13, 14) + 120)]));
            }
        }

        return new AvailabilityRow(
            mentor.Id, mentor.TimeZone, draw.Weighted(DurationSets), draw.Weighted(Buffers), draw.Weighted(Notices),
            draw.Chance(0.3) ? draw.Between(2, 6) : null, draw.Weighted(Horizons), mentor.UpdatedAt, weekly, overrides);
    }
}
