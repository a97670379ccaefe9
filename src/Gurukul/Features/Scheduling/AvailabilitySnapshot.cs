using NodaTime;

namespace Gurukul.Features.Scheduling;

/// <summary>
/// One mentor's offered starts as the availability index keeps them: runs of starts (of their shortest session, whose
/// starts include every longer one's) as minutes since the Unix epoch, <c>[first0, last0, first1, last1, …]</c> in time
/// order, all <see cref="StepMinutes"/> apart within a run. Notice and horizon move with the clock, so they are applied
/// when asked (<see cref="HasStartIn"/>), not stored.
/// </summary>
public sealed class MentorStarts(int[] runs, int stepMinutes, int noticeMinutes, int horizonDays)
{
    public int[] Runs { get; } = runs;
    public int StepMinutes { get; } = stepMinutes;
    public int NoticeMinutes { get; } = noticeMinutes;
    public int HorizonDays { get; } = horizonDays;

    public static long MinuteOf(Instant instant) => instant.ToUnixTimeTicks() / NodaConstants.TicksPerMinute;

    /// <summary>The first whole minute at or after <paramref name="instant"/>: a start (always a whole minute) is at or after the instant exactly when it is at or after this.</summary>
    public static long CeilingMinuteOf(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return (ticks / NodaConstants.TicksPerMinute) + (ticks % NodaConstants.TicksPerMinute > 0 ? 1 : 0);
    }

    public static MentorStarts From(IReadOnlyList<StartRun> runs, AvailabilityRules rules, int stepMinutes)
    {
        var minutes = new int[runs.Count * 2];
        for (var i = 0; i < runs.Count; i++)
        {
            minutes[2 * i] = checked((int)MinuteOf(runs[i].First));
            minutes[(2 * i) + 1] = checked((int)MinuteOf(runs[i].Last));
        }

        return new MentorStarts(minutes, stepMinutes, rules.MinNoticeMinutes, rules.HorizonDays);
    }

    /// <summary>
    /// Whether a student may book a session starting in [<paramref name="from"/>, <paramref name="to"/>) (whole minutes,
    /// <paramref name="to"/> exclusive) at <paramref name="nowMinute"/>: a binary search for the first run that reaches
    /// the window, then its first start in it.
    /// </summary>
    public bool HasStartIn(long from, long to, long nowMinute)
    {
        from = Math.Max(from, nowMinute + NoticeMinutes);
        to = Math.Min(to, nowMinute + (HorizonDays * 1440L));
        if (from >= to)
        {
            return false;
        }

        int low = 0, high = Runs.Length / 2;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Runs[(2 * middle) + 1] < from)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        if (low == Runs.Length / 2)
        {
            return false;
        }

        long first = Runs[2 * low];
        var start = first >= from ? first : first + ((from - first + StepMinutes - 1) / StepMinutes * StepMinutes);
        return start <= Runs[(2 * low) + 1] && start < to;
    }
}

/// <summary>
/// Every mentor's offered starts at one version of the availability clock, computed at <see cref="ComputedAt"/> for their
/// horizon and <see cref="AvailabilityIndex.Margin"/> beyond it, so it stays right while the clock runs for that long.
/// </summary>
public sealed class AvailabilitySnapshot(long version, Instant computedAt, IReadOnlyDictionary<Guid, MentorStarts> mentors)
{
    public long Version { get; } = version;
    public Instant ComputedAt { get; } = computedAt;
    public IReadOnlyDictionary<Guid, MentorStarts> Mentors { get; } = mentors;
}

/// <summary>
/// The index laid out along a search snapshot's positions, for cheap windows: per UTC day (and per UTC hour of the first
/// <see cref="HourDays"/> days, where nearly every search looks), one bit per mentor who has any start in it (before notice
/// and horizon), and each mentor's notice and horizon in flat arrays. A window first drops, 64 mentors at a time, everyone
/// without a start in the days or hours it touches; of the rest, a mentor with a start in a day or hour wholly inside the
/// window, past their notice and within their horizon, matches without looking at their runs; only the few left are
/// searched exactly. Walked in position order, all of it is read sequentially.
/// </summary>
public sealed class AlignedStarts
{
    /// <summary>How many days from <see cref="BaseMinute"/> also have hour bits (24 × 15 × one bit per mentor: 4 MB at 100,000).</summary>
    public const int HourDays = 15;

    private AlignedStarts(
        MentorStarts?[] starts, long baseMinute, ulong[][] days, ulong[][] hours, int[] notice, long[] horizon, ulong[][] noticeAtMost, ulong[][] horizonAtLeast)
    {
        NoticeAtMostDays = noticeAtMost;
        HorizonAtLeastDays = horizonAtLeast;
        Starts = starts;
        BaseMinute = baseMinute;
        Days = days;
        Hours = hours;
        Notice = notice;
        Horizon = horizon;
    }

    public MentorStarts?[] Starts { get; }

    /// <summary>The UTC midnight (minutes since the epoch) before the snapshot was computed: day 0 of <see cref="Days"/>, hour 0 of <see cref="Hours"/>.</summary>
    public long BaseMinute { get; }

    public ulong[][] Days { get; }
    public ulong[][] Hours { get; }
    public int[] Notice { get; }

    /// <summary>Horizons in minutes.</summary>
    public long[] Horizon { get; }

    /// <summary>[k]: the mentors whose notice is at most k days (the last holds everyone: notice is at most 14 days).</summary>
    public ulong[][] NoticeAtMostDays { get; }

    /// <summary>[k]: the mentors whose horizon is at least k days.</summary>
    public ulong[][] HorizonAtLeastDays { get; }

    public static AlignedStarts Build(AvailabilitySnapshot snapshot, Guid[] positions)
    {
        var starts = new MentorStarts?[positions.Length];
        var notice = new int[positions.Length];
        var horizon = new long[positions.Length];
        var baseMinute = MentorStarts.MinuteOf(snapshot.ComputedAt) / 1440 * 1440;
        var dayCount = AvailabilityValidation.MaxHorizonDays + (int)AvailabilityIndex.Margin.TotalDays + 2;
        var hourCount = HourDays * 24;
        var words = (positions.Length + 63) / 64;
        var days = Bits(dayCount, words);
        var hours = Bits(hourCount, words);
        var noticeAtMost = Bits((AvailabilityValidation.MaxNoticeMinutes / 1440) + 1, words);
        var horizonAtLeast = Bits(AvailabilityValidation.MaxHorizonDays + 1, words);
        for (var p = 0; p < positions.Length; p++)
        {
            if (snapshot.Mentors.GetValueOrDefault(positions[p]) is not { } mentor)
            {
                continue;
            }

            starts[p] = mentor;
            notice[p] = mentor.NoticeMinutes;
            horizon[p] = mentor.HorizonDays * 1440L;
            for (var k = (mentor.NoticeMinutes + 1439) / 1440; k < noticeAtMost.Length; k++)
            {
                noticeAtMost[k][p >> 6] |= 1UL << p;
            }

            for (var k = Math.Min(mentor.HorizonDays, horizonAtLeast.Length - 1); k >= 0; k--)
            {
                horizonAtLeast[k][p >> 6] |= 1UL << p;
            }
            var runs = mentor.Runs;
            for (var r = 0; r < runs.Length; r += 2)
            {
                // Starts are at most 30 minutes apart within a run, so every day and hour from its first start to its last has one.
                Mark(days, 1440, runs[r] - baseMinute, runs[r + 1] - baseMinute, p);
                Mark(hours, 60, runs[r] - baseMinute, runs[r + 1] - baseMinute, p);
            }
        }

        return new AlignedStarts(starts, baseMinute, days, hours, notice, horizon, noticeAtMost, horizonAtLeast);
    }

    private static ulong[][] Bits(int count, int words)
    {
        var bits = new ulong[count][];
        for (var i = 0; i < count; i++)
        {
            bits[i] = new ulong[words];
        }

        return bits;
    }

    /// <summary>Sets <paramref name="position"/>'s bit in every unit of <paramref name="unitMinutes"/> from the one holding <paramref name="first"/> to the one holding <paramref name="last"/> (minutes after the base).</summary>
    private static void Mark(ulong[][] units, int unitMinutes, long first, long last, int position)
    {
        var to = Math.Min(units.Length - 1, last / unitMinutes);
        for (var u = Math.Max(0, first / unitMinutes); u <= to; u++)
        {
            units[u][position >> 6] |= 1UL << position;
        }
    }
}

/// <summary>A search's window, ready to ask of each mentor position (whole minutes; see <see cref="MentorStarts.HasStartIn"/>).</summary>
public sealed class AvailabilityWindow
{
    /// <summary>Past this many whole hours inside a window, looking at them one by one costs more than the exact search.</summary>
    private const int MaxWholeHours = 48;

    private readonly AlignedStarts _aligned;
    private readonly long _from;
    private readonly long _to;
    private readonly long _now;
    private readonly Units _days;
    private readonly Units _hours;

    public AvailabilityWindow(AlignedStarts aligned, long from, long to, long now)
    {
        _aligned = aligned;
        _from = from;
        _to = to;
        _now = now;
        _days = new Units(aligned.Days, 1440, aligned.BaseMinute, from, to);
        _hours = new Units(aligned.Hours, 60, aligned.BaseMinute, from, to);
    }

    /// <summary>
    /// Of 64 positions (word <paramref name="word"/>), those that may be available: a start in a day (or, when the window
    /// lies within the hour bits, an hour) the window touches. Everyone else certainly is not.
    /// </summary>
    public ulong Possible(int word)
    {
        var touched = _hours.Covers ? _hours : _days.Covers ? _days : default;
        if (!touched.Covers)
        {
            return ulong.MaxValue;
        }

        var possible = 0UL;
        for (var u = touched.FirstTouched; u <= touched.LastTouched; u++)
        {
            possible |= touched.Bits[u][word];
        }

        return possible;
    }

    /// <summary>
    /// Of 64 positions (word <paramref name="word"/>), those certainly available: a start on a day wholly inside the window
    /// for which their notice (rounded up to days) has passed and their horizon (in days) still reaches its end. Word-wide,
    /// so "free this week" looks at hardly any mentor one by one.
    /// </summary>
    public ulong Certain(int word)
    {
        var certain = 0UL;
        for (var d = _days.FirstWhole; d <= _days.LastWhole; d++)
        {
            var dayStart = _aligned.BaseMinute + (d * 1440L);
            var noticeDays = (dayStart - _now) / 1440;
            var horizonDays = (dayStart + 1440 - _now + 1439) / 1440;
            if (dayStart < _now || horizonDays >= _aligned.HorizonAtLeastDays.Length)
            {
                continue;
            }

            var noticed = _aligned.NoticeAtMostDays[(int)Math.Min(noticeDays, _aligned.NoticeAtMostDays.Length - 1)][word];
            certain |= _aligned.Days[d][word] & noticed & _aligned.HorizonAtLeastDays[(int)horizonDays][word];
        }

        return certain;
    }

    public bool IsAvailable(int position)
    {
        if (_aligned.Starts[position] is not { } starts)
        {
            return false;
        }

        if (HasWholeUnit(_days, position) || (_hours.LastWhole - _hours.FirstWhole < MaxWholeHours && HasWholeUnit(_hours, position)))
        {
            return true;
        }

        return starts.HasStartIn(_from, _to, _now);
    }

    /// <summary>Whether the mentor has a start in a unit wholly inside the window, past their notice and within their horizon.</summary>
    private bool HasWholeUnit(in Units units, int position)
    {
        var word = position >> 6;
        var bit = 1UL << position;
        for (var u = units.FirstWhole; u <= units.LastWhole; u++)
        {
            var unitStart = _aligned.BaseMinute + (u * (long)units.Minutes);
            if ((units.Bits[u][word] & bit) != 0 && _now + _aligned.Notice[position] <= unitStart && unitStart + units.Minutes <= _now + _aligned.Horizon[position])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Which units (days or hours, indexes of <see cref="Bits"/>) lie wholly inside [from, to), and which it touches at all;
    /// <see cref="Covers"/> when every minute of the window falls in one of the units.
    /// </summary>
    private readonly struct Units
    {
        public Units(ulong[][] bits, int minutes, long baseMinute, long from, long to)
        {
            Bits = bits;
            Minutes = minutes;
            FirstWhole = (int)Math.Clamp(CeilingDivide(from - baseMinute, minutes), 0, bits.Length);
            LastWhole = (int)Math.Clamp(FloorDivide(to - baseMinute, minutes) - 1, -1, bits.Length - 1);
            var firstTouched = FloorDivide(from - baseMinute, minutes);
            var lastTouched = FloorDivide(to - 1 - baseMinute, minutes);
            Covers = from < to && firstTouched >= 0 && lastTouched < bits.Length;
            FirstTouched = (int)Math.Clamp(firstTouched, 0, bits.Length - 1);
            LastTouched = (int)Math.Clamp(lastTouched, 0, bits.Length - 1);
        }

        public ulong[][] Bits { get; }
        public int Minutes { get; }
        public int FirstWhole { get; }
        public int LastWhole { get; }
        public int FirstTouched { get; }
        public int LastTouched { get; }
        public bool Covers { get; }

        private static long FloorDivide(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

        private static long CeilingDivide(long a, long b) => -FloorDivide(-a, b);
    }
}
