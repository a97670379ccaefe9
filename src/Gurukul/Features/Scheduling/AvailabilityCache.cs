using System.Collections.Concurrent;
using Gurukul.Platform.Data;

namespace Gurukul.Features.Scheduling;

/// <summary>
/// This node's copy of public mentors' rules (<see cref="AvailabilityRules"/>), which the slots API and profile calendars
/// read instead of loading a mentor's four kinds of availability rows on every request. Kept current like the
/// availability index (ADR 0021): each use reads the availability clock (one row) and, when it moved, drops the mentors
/// changed since, so a request sees every availability write committed before it began, on every node.
/// Taken time is not cached: the slot engine reads it live.
/// </summary>
public sealed class AvailabilityCache
{
    /// <summary>Past this many mentors the cache starts again: about 1 KB each, so it stays around 20 MB.</summary>
    public const int Capacity = 20_000;

    /// <summary>Past this many changed mentors dropping everything is as good as looking them up.</summary>
    private const int MaxDelta = 5_000;

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<Guid, AvailabilityRules?> _rules = new();
    private long _version = -1;

    /// <summary>
    /// The mentor's rules as of a clock version read now (null: they never set their availability): from the cache, or from
    /// <paramref name="load"/> (which must read the database after this call read the clock) and then kept, unless the
    /// clock moved meanwhile.
    /// </summary>
    public async Task<AvailabilityRules?> RulesAsync(
        GurukulDbContext db, Guid mentorId, Func<CancellationToken, Task<AvailabilityRules?>> load, CancellationToken cancellationToken)
    {
        var version = await AvailabilityClock.VersionAsync(db, cancellationToken);
        var cachedAt = Volatile.Read(ref _version);
        if (cachedAt != version)
        {
            await AdvanceAsync(db, cachedAt, version, cancellationToken);
        }

        // Every entry present while the cache is at this version reflects every write up to it (a later one may reflect more).
        if (Volatile.Read(ref _version) == version && _rules.TryGetValue(mentorId, out var cached))
        {
            return cached;
        }

        var rules = await load(cancellationToken);
        lock (_gate)
        {
            // Loaded after reading the clock at `version`: right for it. If the clock has moved since, the mentor may have
            // changed between the two, and the drop for it may already have happened: keep nothing.
            if (_version == version)
            {
                if (_rules.Count >= Capacity)
                {
                    _rules.Clear();
                }

                _rules[mentorId] = rules;
            }
        }

        return rules;
    }

    /// <summary>Drops the mentors changed after <paramref name="from"/> (the cache's version when this request read it) and moves to <paramref name="to"/>.</summary>
    private async Task AdvanceAsync(GurukulDbContext db, long from, long to, CancellationToken cancellationToken)
    {
        // Read after the clock: holds every mentor changed up to `to` (written in the same transactions), perhaps more.
        var changed = from >= 0 && from < to ? await AvailabilityClock.ChangedSinceAsync(db, from, MaxDelta, cancellationToken) : null;
        lock (_gate)
        {
            if (_version == to)
            {
                return;
            }

            // The list covers the changes since `from` only; if the cache moved elsewhere meanwhile (a request with an older
            // clock reading, a database put back), or the list was too long, start again.
            if (changed is null || _version != from)
            {
                _rules.Clear();
            }
            else
            {
                foreach (var mentorId in changed)
                {
                    _rules.TryRemove(mentorId, out _);
                }
            }

            _version = to;
        }
    }
}
