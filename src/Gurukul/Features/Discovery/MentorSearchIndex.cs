using System.Diagnostics;
using Gurukul.Features.Mentors;
using Gurukul.Features.Prices;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Discovery;

/// <summary>
/// This node's copy of every public mentor's filter and sort fields (<see cref="SearchSnapshot"/>), kept current with the
/// change clock of migration 0009: each request reads the clock (one row) and, when it moved, the index loads only the
/// mentors changed since, from mentor_search_changes, and publishes a new snapshot before answering. So a search always
/// reflects every write committed before it began, on every node, whoever wrote (a service, a trigger, an operator's
/// SQL). Loaded on first use, never at start-up. See docs/adr/0014-mentor-search.md.
/// </summary>
public sealed partial class MentorSearchIndex(ILogger<MentorSearchIndex> logger) : IDisposable
{
    /// <summary>Past this many changed mentors a full reload is as cheap as looking them up one set at a time.</summary>
    private const int MaxDelta = 5_000;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Dictionary<Guid, SearchEntry> _entries = [];
    private volatile SearchSnapshot? _current;

    /// <summary>The snapshot at the database's current version (or newer), refreshed first when the clock has moved.</summary>
    public async Task<SearchSnapshot> CurrentAsync(GurukulDbContext db, CancellationToken cancellationToken)
    {
        var clock = await ReadClockAsync(db, cancellationToken);
        if (_current is { } current && current.Version == clock.Version)
        {
            return current;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            // Read again under the lock: another request may have refreshed meanwhile, or the clock moved on. The
            // snapshot is labelled with the version read before its data, so a write landing during the load is
            // (at worst) applied twice, never missed.
            clock = await ReadClockAsync(db, cancellationToken);
            if (_current is { } fresh && fresh.Version == clock.Version)
            {
                return fresh;
            }

            try
            {
                return await RefreshAsync(db, clock);
            }
            catch
            {
                // Half-applied changes would leave the entries wrong without a trace: start again from scratch next time.
                _entries.Clear();
                _current = null;
                throw;
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>
    /// Applies the changes since the current snapshot (or loads everything) and publishes the new snapshot. Not
    /// cancellable: other requests are waiting for it, and a load stopped half-way would have to start again.
    /// </summary>
    private async Task<SearchSnapshot> RefreshAsync(GurukulDbContext db, SearchClock clock)
    {
        var started = Stopwatch.GetTimestamp();
        var previous = _current;
        var changed = previous is null || clock.Version < previous.Version ? null
            : await db.Database.SqlQueryRaw<Guid>(
                """SELECT mentor_id AS "Value" FROM mentor_search_changes WHERE version > {0}""", previous.Version)
                .Take(MaxDelta + 1).ToListAsync(CancellationToken.None);
        if (changed is null || changed.Count > MaxDelta)
        {
            _entries.Clear();
            changed = null;
        }
        else
        {
            foreach (var id in changed)
            {
                _entries.Remove(id);
            }
        }

        foreach (var entry in await SearchEntry.LoadAsync(db, changed, CancellationToken.None))
        {
            _entries[entry.Id] = entry;
        }

        var names = new SearchNames(
            await db.Subjects.AsNoTracking()
                .Join(db.SubjectCategories, s => s.CategorySlug, c => c.Slug, (s, c) => new PublicSubject(s.Slug, s.Name, c.Name, c.SortOrder))
                .ToDictionaryAsync(s => s.Slug, StringComparer.Ordinal, CancellationToken.None),
            await db.Languages.AsNoTracking().Select(l => new PublicLanguage(l.Code, l.EnglishName, l.NativeName))
                .ToDictionaryAsync(l => l.Code, StringComparer.Ordinal, CancellationToken.None));
        var snapshot = SearchSnapshot.Build(
            clock.Version, clock.TextVersion, [.. _entries.Values], names, await ReferenceRates.LoadAsync(db, CancellationToken.None));
        _current = snapshot;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (changed is null)
        {
            LogLoaded(logger, snapshot.Version, snapshot.Count, snapshot.Bytes / 1024, elapsed);
        }
        else
        {
            LogUpdated(logger, snapshot.Version, changed.Count, snapshot.Count, elapsed);
        }

        return snapshot;
    }

    public void Dispose() => _refresh.Dispose();

    private static async Task<SearchClock> ReadClockAsync(GurukulDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<SearchClock>(
            """SELECT version AS "Version", text_version AS "TextVersion" FROM mentor_search_clock""").SingleAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index loaded at version {Version}: {Mentors} public mentors, {Kilobytes} KiB, {Milliseconds:F0} ms")]
    private static partial void LogLoaded(ILogger logger, long version, int mentors, long kilobytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Search index at version {Version}: {Changed} mentors changed, {Mentors} public, {Milliseconds:F0} ms")]
    private static partial void LogUpdated(ILogger logger, long version, int changed, int mentors, double milliseconds);

    private sealed class SearchClock
    {
        public long Version { get; init; }
        public long TextVersion { get; init; }
    }
}
