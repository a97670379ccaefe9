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
/// The index laid out along a search snapshot's positions, for windows of many days: per UTC day, one bit per mentor who has
/// any start that day (before notice and horizon), and each mentor's notice and horizon in flat arrays. A mentor with a
/// start on a day that lies wholly inside the window, past their notice and within their horizon, matches without looking at
/// their runs; only the rest are searched exactly. Walked in position order, all of it is read sequentially.
/// </summary>
public sealed class AlignedStarts
{
    private AlignedStarts(MentorStarts?[] starts, long baseMinute, ulong[][] days, int[] notice, long[] horizon)
    {
        Starts = starts;
        BaseMinute = baseMinute;
        Days = days;
        Notice = notice;
        Horizon = horizon;
    }

    public MentorStarts?[] Starts { get; }

    /// <summary>The UTC midnight (minutes since the epoch) before the snapshot was computed: day 0 of <see cref="Days"/>.</summary>
    public long BaseMinute { get; }

    public ulong[][] Days { get; }
    public int[] Notice { get; }

    /// <summary>Horizons in minutes.</summary>
    public long[] Horizon { get; }

    public static AlignedStarts Build(AvailabilitySnapshot snapshot, Guid[] positions)
    {
        var starts = new MentorStarts?[positions.Length];
        var notice = new int[positions.Length];
        var horizon = new long[positions.Length];
        var baseMinute = MentorStarts.MinuteOf(snapshot.ComputedAt) / 1440 * 1440;
        var dayCount = AvailabilityValidation.MaxHorizonDays + (int)AvailabilityIndex.Margin.TotalDays + 2;
        var words = (positions.Length + 63) / 64;
        var days = new ulong[dayCount][];
        for (var d = 0; d < dayCount; d++)
        {
            days[d] = new ulong[words];
        }

        for (var p = 0; p < positions.Length; p++)
        {
            if (snapshot.Mentors.GetValueOrDefault(positions[p]) is not { } mentor)
            {
                continue;
            }

            starts[p] = mentor;
            notice[p] = mentor.NoticeMinutes;
            horizon[p] = mentor.HorizonDays * 1440L;
            var runs = mentor.Runs;
            for (var r = 0; r < runs.Length; r += 2)
            {
                // Starts are at most 30 minutes apart within a run, so every day from its first start to its last has one.
                var last = Math.Min(dayCount - 1, (runs[r + 1] - baseMinute) / 1440);
                for (var d = Math.Max(0, (runs[r] - baseMinute) / 1440); d <= last; d++)
                {
                    days[d][p >> 6] |= 1UL << p;
                }
            }
        }

        return new AlignedStarts(starts, baseMinute, days, notice, horizon);
    }
}

/// <summary>A search's window, ready to ask of each mentor position (whole minutes; see <see cref="MentorStarts.HasStartIn"/>).</summary>
public sealed class AvailabilityWindow
{
    private readonly AlignedStarts _aligned;
    private readonly long _from;
    private readonly long _to;
    private readonly long _now;
    private readonly int _firstWholeDay;
    private readonly int _lastWholeDay;

    public AvailabilityWindow(AlignedStarts aligned, long from, long to, long now)
    {
        _aligned = aligned;
        _from = from;
        _to = to;
        _now = now;
        // The UTC days wholly inside [from, to), as indexes of aligned.Days.
        _firstWholeDay = (int)Math.Max(0, CeilingDivide(from - aligned.BaseMinute, 1440));
        _lastWholeDay = (int)Math.Min(aligned.Days.Length - 1, ((to - aligned.BaseMinute) / 1440) - 1);
    }

    public bool IsAvailable(int position)
    {
        if (_aligned.Starts[position] is not { } starts)
        {
            return false;
        }

        var word = position >> 6;
        var bit = 1UL << position;
        for (var d = _firstWholeDay; d <= _lastWholeDay; d++)
        {
            var dayStart = _aligned.BaseMinute + (d * 1440L);
            if ((_aligned.Days[d][word] & bit) != 0 && _now + _aligned.Notice[position] <= dayStart && dayStart + 1440 <= _now + _aligned.Horizon[position])
            {
                return true;
            }
        }

        return starts.HasStartIn(_from, _to, _now);
    }

    private static long CeilingDivide(long a, long b) => a >= 0 ? (a + b - 1) / b : a / b;
}
