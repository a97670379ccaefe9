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

/// <summary>A search's window, ready to ask of each mentor position (whole minutes; see <see cref="MentorStarts.HasStartIn"/>).</summary>
public sealed class AvailabilityWindow(MentorStarts?[] starts, long from, long to, long now)
{
    public bool IsAvailable(int position) => starts[position]?.HasStartIn(from, to, now) == true;
}
