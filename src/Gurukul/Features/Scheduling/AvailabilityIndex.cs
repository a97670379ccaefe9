using System.Diagnostics;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Scheduling;

/// <summary>
/// This node's copy of every mentor's offered starts (<see cref="AvailabilitySnapshot"/>), which search's
/// <c>availableFrom</c>/<c>availableTo</c> filter reads instead of computing slots per mentor per request. Kept current
/// on the model of the search index (ADR 0014): each use reads the availability clock of migration 0012 (one row) and,
/// when it moved, recomputes only the mentors changed since, so a search reflects every availability (and, once bookings
/// exist, booking) write committed before it began, on every node. Starts are computed from <see cref="AvailabilitySnapshot.ComputedAt"/>
/// to each mentor's horizon plus <see cref="Margin"/>; notice and horizon are applied when asked, and everything is computed
/// again once the margin runs low. Loaded on first use. See docs/adr/0021-availability-index-and-the-booking-seam.md.
/// </summary>
public sealed partial class AvailabilityIndex(IClock clock, ILogger<AvailabilityIndex> logger) : IDisposable
{
    /// <summary>How far past each horizon starts are computed: the snapshot stays right while the clock runs this long.</summary>
    public static readonly Duration Margin = Duration.FromDays(8);

    /// <summary>A snapshot older than this is computed again from scratch (a day of margin left).</summary>
    private static readonly Duration MaxAge = Margin - Duration.FromDays(1);

    /// <summary>Past this many changed mentors a full reload is as cheap as looking them up.</summary>
    private const int MaxDelta = 5_000;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile AvailabilitySnapshot? _current;
    private volatile Alignment? _aligned;

    /// <summary>
    /// Which of the mentors at <paramref name="positions"/> (a search snapshot's ids, in position order) have a bookable
    /// start in [<paramref name="from"/>, <paramref name="to"/>) right now. The alignment of the two snapshots is computed
    /// once per pair and shared by every request until either moves.
    /// </summary>
    public async Task<AvailabilityWindow> WindowAsync(
        GurukulDbContext db, ITakenTimeSource taken, Guid[] positions, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var snapshot = await CurrentAsync(db, taken, now, cancellationToken);
        var aligned = _aligned;
        if (aligned is null || aligned.Positions != positions || aligned.Snapshot != snapshot)
        {
            aligned = new Alignment(positions, snapshot, AlignedStarts.Build(snapshot, positions));
            _aligned = aligned;
        }

        return new AvailabilityWindow(aligned.Starts, MentorStarts.CeilingMinuteOf(from), MentorStarts.CeilingMinuteOf(to), MentorStarts.CeilingMinuteOf(now));
    }

    /// <summary>The snapshot at the database's current version, refreshed first when the clock moved or the snapshot is too old.</summary>
    public async Task<AvailabilitySnapshot> CurrentAsync(GurukulDbContext db, ITakenTimeSource taken, Instant now, CancellationToken cancellationToken)
    {
        var version = await ReadClockAsync(db, cancellationToken);
        if (_current is { } current && current.Version == version && now - current.ComputedAt < MaxAge)
        {
            return current;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            // Again under the lock: another request may have refreshed meanwhile. The snapshot is labelled with the version
            // read before its data, so a write landing during the load is (at worst) applied twice, never missed.
            version = await ReadClockAsync(db, cancellationToken);
            if (_current is { } fresh && fresh.Version == version && now - fresh.ComputedAt < MaxAge)
            {
                return fresh;
            }

            var refreshed = await RefreshAsync(db, taken, version, now);
            _current = refreshed;
            return refreshed;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Not cancellable: other requests wait for it, and a load stopped half-way would have to start again.</summary>
    private async Task<AvailabilitySnapshot> RefreshAsync(GurukulDbContext db, ITakenTimeSource taken, long version, Instant now)
    {
        var started = Stopwatch.GetTimestamp();
        var previous = _current;
        var computedAt = previous is not null && now - previous.ComputedAt < MaxAge ? previous.ComputedAt : now;
        List<Guid>? changed = null;
        if (previous is not null && computedAt == previous.ComputedAt && version >= previous.Version)
        {
            changed = await db.Database.SqlQueryRaw<Guid>(
                    """SELECT mentor_id AS "Value" FROM mentor_availability_changes WHERE version > {0}""", previous.Version)
                .Take(MaxDelta + 1).ToListAsync(CancellationToken.None);
            changed = changed.Count > MaxDelta ? null : changed;
        }

        var mentors = changed is null ? new Dictionary<Guid, MentorStarts>() : new Dictionary<Guid, MentorStarts>(previous!.Mentors);
        foreach (var id in changed ?? [])
        {
            mentors.Remove(id);
        }

        var earliest = computedAt.InUtc().Date.PlusDays(-1);
        var settings = await AvailabilityRows.LoadAsync(db, changed, earliest, CancellationToken.None);
        var until = computedAt + Duration.FromDays(AvailabilityValidation.MaxHorizonDays) + Margin;
        var takenByMentor = await taken.TakenAsync(changed, new Interval(computedAt - Duration.FromDays(2), until + Duration.FromDays(2)), CancellationToken.None);
        // Each mentor's runs are independent of every other's: a full load computes them on all cores.
        var loaded = settings.ToArray();
        var computed = new MentorStarts?[loaded.Length];
        Parallel.For(0, loaded.Length, i => computed[i] = Compute(loaded[i].Value, computedAt, takenByMentor.GetValueOrDefault(loaded[i].Key) ?? []));
        for (var i = 0; i < loaded.Length; i++)
        {
            if (computed[i] is { } starts)
            {
                mentors[loaded[i].Key] = starts;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (changed is null)
        {
            LogLoaded(logger, version, mentors.Count, mentors.Values.Sum(m => (long)m.Runs.Length) / 2, elapsed);
        }
        else
        {
            LogUpdated(logger, version, changed.Count, elapsed);
        }

        return new AvailabilitySnapshot(version, computedAt, mentors);
    }

    /// <summary>The mentor's starts from <paramref name="computedAt"/> to their horizon and the margin; none for a zone tzdb no longer knows.</summary>
    private static MentorStarts? Compute(AvailabilitySettings availability, Instant computedAt, IReadOnlyList<Interval> taken)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(availability.TimeZone) is null || availability.Durations.Count == 0)
        {
            return null;
        }

        var rules = availability.Rules();
        var shortest = availability.Durations.Min();
        var runs = SlotFinder.Runs(rules, shortest, computedAt, computedAt + Duration.FromDays(rules.HorizonDays) + Margin, taken);
        return MentorStarts.From(runs, rules, (int)SlotFinder.StepFor(shortest).TotalMinutes);
    }

    public void Dispose() => _refresh.Dispose();

    private sealed record Alignment(Guid[] Positions, AvailabilitySnapshot Snapshot, AlignedStarts Starts);

    private static async Task<long> ReadClockAsync(GurukulDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<long>("""SELECT version AS "Value" FROM mentor_availability_clock""").SingleAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Availability index loaded at version {Version}: {Mentors} mentors, {Runs} runs of starts, {Milliseconds:F0} ms")]
    private static partial void LogLoaded(ILogger logger, long version, int mentors, long runs, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Availability index at version {Version}: {Changed} mentors changed, {Milliseconds:F0} ms")]
    private static partial void LogUpdated(ILogger logger, long version, int changed, double milliseconds);
}
