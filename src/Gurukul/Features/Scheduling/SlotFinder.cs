using NodaTime;

namespace Gurukul.Features.Scheduling;

/// <summary>A bookable session: its start and end as real instants (the end is exactly its duration later).</summary>
public readonly record struct Slot(Instant Start, Instant End);

/// <summary>Starts <see cref="First"/>, <see cref="First"/> + <see cref="Step"/>, … up to <see cref="Last"/>, all offered.</summary>
public readonly record struct StartRun(Instant First, Instant Last, Duration Step)
{
    public int Count => (int)((Last - First).ToInt64Nanoseconds() / Step.ToInt64Nanoseconds()) + 1;
}

/// <summary>
/// The slot engine (API.md "Availability and slots"). Rules are wall-clock times in the mentor's zone; every slot is a real
/// instant. What a rule interval means in real time is exact: the instants whose local time, in the mentor's zone, falls
/// in the interval on that date. So a DST gap inside it simply has no instants (no slot there), and a repeated hour has
/// two stretches of instants (each offered once). Starts lie on the interval's own local grid (every 30 minutes from its
/// start, every 15 for 15-minute sessions); a session must fit wholly within one interval's instants, keep the buffer clear
/// of every taken session, and its day (its start's local date) must be under the cap. See docs/adr/0020.
/// </summary>
public static class SlotFinder
{
    /// <summary>How far apart starts are for a session of this length.</summary>
    public static Duration StepFor(int durationMinutes) => Duration.FromMinutes(durationMinutes == 15 ? 15 : 30);

    /// <summary>Every slot of <paramref name="durationMinutes"/> starting in [<paramref name="earliest"/>, <paramref name="endBefore"/>), in time order.</summary>
    public static List<Slot> Slots(AvailabilityRules rules, int durationMinutes, Instant earliest, Instant endBefore, IReadOnlyList<Interval> taken)
    {
        var length = Duration.FromMinutes(durationMinutes);
        var slots = new List<Slot>();
        foreach (var run in Runs(rules, durationMinutes, earliest, endBefore, taken))
        {
            for (var start = run.First; start <= run.Last; start += run.Step)
            {
                slots.Add(new Slot(start, start + length));
            }
        }

        return slots;
    }

    /// <summary>
    /// The offered starts of <paramref name="durationMinutes"/> in [<paramref name="earliest"/>, <paramref name="endBefore"/>)
    /// as runs, in time order: what <see cref="Slots"/> lists, without listing it (the availability index keeps these).
    /// Notice and horizon are the caller's: pass them in the bounds (<see cref="AvailabilityRules.BookableWindow"/>).
    /// </summary>
    public static List<StartRun> Runs(AvailabilityRules rules, int durationMinutes, Instant earliest, Instant endBefore, IReadOnlyList<Interval> taken)
    {
        var runs = new List<StartRun>();
        if (earliest >= endBefore)
        {
            return runs;
        }

        var zone = rules.Zone;
        var length = Duration.FromMinutes(durationMinutes);
        var step = StepFor(durationMinutes);
        var blocked = Blocked(taken, Duration.FromMinutes(rules.BufferMinutes), length);
        var perDay = rules.MaxSessionsPerDay is null ? null : TakenPerDay(taken, zone);
        var pieces = new List<Piece>(4);
        // A start's local date is the date of the rule that made it, so these dates cover every start in the bounds.
        var last = endBefore.InZone(zone).Date;
        for (var date = earliest.InZone(zone).Date; date <= last; date = date.PlusDays(1))
        {
            var hours = rules.On(date);
            if (hours.Count == 0 || (perDay is not null && perDay.GetValueOrDefault(date) >= rules.MaxSessionsPerDay))
            {
                continue;
            }

            foreach (var interval in hours)
            {
                var start = date.At(LocalTime.Midnight).PlusMinutes(interval.StartMinute);
                var end = date.At(LocalTime.Midnight).PlusMinutes(interval.EndMinute);
                InstantsOf(zone, start, end, pieces);
                foreach (var piece in pieces)
                {
                    // Starts on the interval's local grid, read at this piece's offset, whose whole session fits before the
                    // end of the unbroken stretch of instants the piece belongs to.
                    var grid = start.WithOffset(piece.Offset).ToInstant();
                    var lo = Max(piece.Start, earliest);
                    var hi = Min(piece.End - Duration.Epsilon, Min(piece.StretchEnd - length, endBefore - Duration.Epsilon));
                    AddFree(runs, grid, step, lo, hi, blocked);
                }
            }
        }

        return runs;
    }

    /// <summary>
    /// The instants whose local time in <paramref name="zone"/> lies in [<paramref name="start"/>, <paramref name="end"/>):
    /// one piece per zone interval (offset) they fall in, each knowing where its unbroken stretch of instants ends.
    /// Normally one piece; two across a transition (adjacent after a gap, apart around a repeated hour).
    /// </summary>
    private static void InstantsOf(DateTimeZone zone, LocalDateTime start, LocalDateTime end, List<Piece> pieces)
    {
        pieces.Clear();
        var mapping = zone.MapLocal(start);
        var interval = mapping.Count > 0 ? mapping.EarlyInterval : mapping.LateInterval;
        while (true)
        {
            var offset = interval.WallOffset;
            var from = start.WithOffset(offset).ToInstant();
            var to = end.WithOffset(offset).ToInstant();
            if (interval.HasStart && interval.Start > from)
            {
                from = interval.Start;
            }

            if (interval.HasEnd && interval.End < to)
            {
                to = interval.End;
            }

            if (from < to)
            {
                pieces.Add(new Piece(from, to, offset, to));
            }

            if (!interval.HasEnd)
            {
                break;
            }

            var next = zone.GetZoneInterval(interval.End);
            if (next.IsoLocalStart >= end)
            {
                break;
            }

            interval = next;
        }

        // Pieces that touch form one stretch: a session may run across a gap, never across instants outside the interval.
        for (var i = pieces.Count - 2; i >= 0; i--)
        {
            if (pieces[i].End == pieces[i + 1].Start)
            {
                pieces[i] = pieces[i] with { StretchEnd = pieces[i + 1].StretchEnd };
            }
        }
    }

    /// <summary>
    /// Adds the grid points in [<paramref name="lo"/>, <paramref name="hi"/>] that no blocked interval excludes, as runs.
    /// Blocked intervals are open: a session may end exactly where a buffer begins.
    /// </summary>
    private static void AddFree(List<StartRun> runs, Instant grid, Duration step, Instant lo, Instant hi, IReadOnlyList<(Instant From, Instant To)> blocked)
    {
        foreach (var (from, to) in blocked)
        {
            if (lo > hi)
            {
                return;
            }

            if (to <= lo || from >= hi)
            {
                if (from >= hi)
                {
                    break;
                }

                continue;
            }

            AddRun(runs, grid, step, lo, from);
            lo = Max(lo, to);
        }

        AddRun(runs, grid, step, lo, hi);
    }

    private static void AddRun(List<StartRun> runs, Instant grid, Duration step, Instant lo, Instant hi)
    {
        if (lo > hi)
        {
            return;
        }

        // In nanoseconds, so bounds finer than a tick (an instant in a query) still land on the right grid point.
        var stepNanos = step.ToInt64Nanoseconds();
        var first = grid + Duration.FromNanoseconds(CeilingDivide((lo - grid).ToInt64Nanoseconds(), stepNanos) * stepNanos);
        var last = grid + Duration.FromNanoseconds(FloorDivide((hi - grid).ToInt64Nanoseconds(), stepNanos) * stepNanos);
        if (first <= last)
        {
            runs.Add(new StartRun(first, last, step));
        }
    }

    /// <summary>
    /// The open intervals of starts that a taken session rules out: a session starting there would come within the
    /// buffer of it. Sorted and merged.
    /// </summary>
    private static List<(Instant From, Instant To)> Blocked(IReadOnlyList<Interval> taken, Duration buffer, Duration length)
    {
        var blocked = new List<(Instant From, Instant To)>(taken.Count);
        foreach (var session in taken.OrderBy(t => t.Start))
        {
            var from = session.Start - buffer - length;
            var to = session.End + buffer;
            if (blocked.Count > 0 && from < blocked[^1].To)
            {
                blocked[^1] = (blocked[^1].From, Max(blocked[^1].To, to));
            }
            else
            {
                blocked.Add((from, to));
            }
        }

        return blocked;
    }

    private static Dictionary<LocalDate, int> TakenPerDay(IReadOnlyList<Interval> taken, DateTimeZone zone)
    {
        var perDay = new Dictionary<LocalDate, int>();
        foreach (var session in taken)
        {
            var date = session.Start.InZone(zone).Date;
            perDay[date] = perDay.GetValueOrDefault(date) + 1;
        }

        return perDay;
    }

    private static long CeilingDivide(long a, long b) => -FloorDivide(-a, b);

    private static long FloorDivide(long a, long b) => (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    /// <summary>Instants [Start, End) at one offset, in a stretch of touching pieces that ends at <see cref="StretchEnd"/>.</summary>
    private readonly record struct Piece(Instant Start, Instant End, Offset Offset, Instant StretchEnd);
}
