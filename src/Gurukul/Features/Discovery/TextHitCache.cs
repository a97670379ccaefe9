using System.Collections.Concurrent;

namespace Gurukul.Features.Discovery;

/// <summary>
/// The database's answers to recent free-text searches (the mentors matching, with scores), kept until the text of any
/// mentor changes (the clock's text version, migration 0009) and shared by every request of this node. A broad word
/// ("physics", a fifth of 100,000 mentors) costs PostgreSQL ~100 ms of CPU to match and score; people search for
/// the same few hundred things over and over, so each is matched once per text version rather than once per request.
/// Concurrent requests for the same words wait for one query. The matching itself stays in the database
/// (<see cref="MentorTextSearch"/>); ratings, visibility and filters do not invalidate the cache, since hits are kept
/// by mentor id and placed in each new snapshot on first use.
/// </summary>
public sealed class TextHitCache
{
    /// <summary>
    /// At most this many searches are remembered; past it the least recently asked half is forgotten, so the searches
    /// everyone makes stay while the long tail (typos, rare names) comes and goes. Clearing everything instead, as this
    /// cache first did, sent the most popular searches back to the database each time the tail filled it (ADR 0016).
    /// </summary>
    public const int MaxEntries = 512;

    private readonly object _gate = new();
    private ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _textVersion = -1;
    private long _asked;

    /// <summary>The mentors of <paramref name="snapshot"/> matching <paramref name="words"/>.</summary>
    public async Task<TextMatches> MatchAsync(SearchSnapshot snapshot, IReadOnlyList<string> words, MentorTextSearch textSearch, CancellationToken cancellationToken)
    {
        var entries = EntriesFor(snapshot.TextVersion);
        var entry = entries.GetOrAdd(string.Join(' ', words), _ => new Entry());
        entry.LastAsked = Interlocked.Increment(ref _asked);
        Task<IReadOnlyList<TextHit>> hits;
        bool mine;
        lock (entry)
        {
            mine = entry.Hits is null;
            // The query uses the first asker's database context: it runs to the end even if that request is cancelled,
            // since others may be waiting for it.
            entry.Hits ??= textSearch.HitsAsync(words, CancellationToken.None);
            hits = entry.Hits;
        }

        IReadOnlyList<TextHit> found;
        try
        {
            found = mine ? await hits : await hits.WaitAsync(cancellationToken);
        }
        catch (Exception) when (mine)
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(string.Join(' ', words), entry));
            throw;
        }

        var placed = entry.Placed;
        if (placed?.Snapshot != snapshot)
        {
            placed = TextMatches.Of(snapshot, found);
            entry.Placed = placed;
        }

        return placed;
    }

    private ConcurrentDictionary<string, Entry> EntriesFor(long textVersion)
    {
        lock (_gate)
        {
            // Only a newer text version clears: a request still holding an older snapshot reads hits at least as fresh.
            if (textVersion > _textVersion)
            {
                _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
                _textVersion = textVersion;
            }
            else if (_entries.Count >= MaxEntries)
            {
                foreach (var stale in _entries.OrderBy(e => e.Value.LastAsked).Take(_entries.Count / 2).ToList())
                {
                    _entries.TryRemove(stale);
                }
            }

            return _entries;
        }
    }

    private sealed class Entry
    {
        public Task<IReadOnlyList<TextHit>>? Hits { get; set; }

        public volatile TextMatches? Placed;

        /// <summary>When it was last asked for, on the cache's own count of requests.</summary>
        public long LastAsked;
    }
}
