using System.Collections.Concurrent;
using Gurukul.Features.Reference;

namespace Gurukul.Features.Discovery;

/// <summary>
/// The database's answers to recent free-text searches, kept until the text of any mentor changes (the clock's text
/// version, migration 0009) and shared by every request of this node. A broad word ("physics", a fifth of 100,000
/// mentors) costs PostgreSQL ~100 ms of CPU to match and score, and people search for the same few hundred words over
/// and over, so the database is asked about each <em>word</em> once per text version: a search matches every one of
/// its words and scores the sum of each word's score (<see cref="MentorTextSearch"/>), so "physics hyderabad" is the
/// intersection of the cached "physics" and "hyderabad", worked out here. Whole searches are cached too, placed in the
/// current snapshot, so a repeated search does no work at all. Concurrent requests for the same word wait for one
/// query. Ratings, visibility and filters do not invalidate anything: hits are kept by mentor id and placed in each new
/// snapshot on first use. See ADR 0016.
/// </summary>
public sealed class TextHitCache
{
    /// <summary>
    /// At most this many searches, and as many words, are remembered; past it the least recently asked half is
    /// forgotten, so what everyone searches for stays while the long tail (typos, rare names) comes and goes.
    /// </summary>
    public const int MaxEntries = 512;

    private readonly object _gate = new();
    private volatile Generation _current = new(-1);
    private long _asked;

    /// <summary>The mentors of <paramref name="snapshot"/> matching every clause of <paramref name="plan"/>.</summary>
    public async Task<TextMatches> MatchAsync(SearchSnapshot snapshot, SearchPlan plan, MentorTextSearch textSearch, CancellationToken cancellationToken)
    {
        var generation = GenerationFor(snapshot.TextVersion);
        var search = Touch(generation.Searches, plan.Key, () => new PlacedSearch());
        if (search.Placed is { } placed && placed.Snapshot == snapshot)
        {
            return placed;
        }

        // Each word's hits, one after another: a word not yet cached is asked with this request's database context.
        async Task<IReadOnlyList<IReadOnlyDictionary<Guid, double>>> Words(IEnumerable<string> words, bool exact)
        {
            var hits = new List<IReadOnlyDictionary<Guid, double>>();
            foreach (var word in words)
            {
                hits.Add(await WordAsync(generation.Words, word, exact, textSearch, cancellationToken));
            }

            return hits;
        }

        var clauses = new List<ClauseMatches>(plan.Clauses.Count);
        foreach (var clause in plan.Clauses)
        {
            var alternatives = new List<(Alternative, IReadOnlyDictionary<Guid, double>)>();
            foreach (var alternative in clause.Alternatives)
            {
                alternatives.Add((alternative, (await Words([alternative.Word], exact: true))[0]));
            }

            var phrases = new List<IReadOnlyList<IReadOnlyDictionary<Guid, double>>>();
            foreach (var phrase in clause.ConceptPhrases)
            {
                phrases.Add(await Words(phrase, exact: true));
            }

            var taught = clause.Concepts.Select(c => (c, c.Kind switch
            {
                TermKind.Subject => snapshot.BySubject.GetValueOrDefault(c.Key),
                TermKind.Language => snapshot.ByLanguage.GetValueOrDefault(c.Key),
                _ => null,
            })).Where(t => t.Item2 is not null).Select(t => (t.c, t.Item2!)).ToList();
            clauses.Add(new ClauseMatches(clause, await Words(clause.Literal, clause.ExactLiteral), alternatives, taught, phrases));
        }

        placed = TextMatches.Of(snapshot, AllOf(snapshot, clauses), clauses);
        search.Placed = placed;
        return placed;
    }

    /// <summary>
    /// The mentors matching every clause, scored by the sum: only the clause with the fewest possible mentors is worked out
    /// in full, and the others are asked mentor by mentor ("physics hyderabad" never lists every physics mentor). Mentors
    /// this snapshot does not hold are not public and are left out.
    /// </summary>
    private static List<TextHit> AllOf(SearchSnapshot snapshot, List<ClauseMatches> clauses)
    {
        var smallest = clauses.MinBy(c => c.Bound)!;
        var all = new List<TextHit>();
        foreach (var (mentorId, score) in smallest.Hits(snapshot))
        {
            if (snapshot.PositionOf(mentorId) is not { } position)
            {
                continue;
            }

            var total = score;
            foreach (var clause in clauses)
            {
                if (clause == smallest)
                {
                    continue;
                }

                if (clause.ScoreOf(mentorId, position) is not { } other)
                {
                    total = double.NaN;
                    break;
                }

                total += other;
            }

            if (!double.IsNaN(total))
            {
                all.Add(new TextHit { MentorId = mentorId, Score = total });
            }
        }

        return all;
    }

    /// <summary>A word's hits, cached; an exact word (no look-alikes, whole words) is cached apart from the same word widened.</summary>
    private async Task<IReadOnlyDictionary<Guid, double>> WordAsync(
        ConcurrentDictionary<string, WordHits> words, string word, bool exact, MentorTextSearch textSearch, CancellationToken cancellationToken)
    {
        var key = exact ? "=" + word : word;
        var entry = Touch(words, key, () => new WordHits());
        Task<IReadOnlyDictionary<Guid, double>> hits;
        bool mine;
        lock (entry)
        {
            mine = entry.Hits is null;
            // The query uses the first asker's database context: it runs to the end even if that request is cancelled,
            // since others may be waiting for it.
            entry.Hits ??= HitsAsync(textSearch, word, exact);
            hits = entry.Hits;
        }

        try
        {
            return mine ? await hits : await hits.WaitAsync(cancellationToken);
        }
        catch (Exception) when (mine)
        {
            words.TryRemove(new KeyValuePair<string, WordHits>(key, entry));
            throw;
        }
    }

    private static async Task<IReadOnlyDictionary<Guid, double>> HitsAsync(MentorTextSearch textSearch, string word, bool exact) =>
        (await textSearch.HitsAsync(word, exact, CancellationToken.None)).ToDictionary(h => h.MentorId, h => h.Score);

    /// <summary>
    /// The entry for <paramref name="key"/>, marked as just asked for. Counting a concurrent dictionary takes all its
    /// locks, so only a new entry checks whether the cache is full.
    /// </summary>
    private T Touch<T>(ConcurrentDictionary<string, T> entries, string key, Func<T> create)
        where T : Entry
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            lock (_gate)
            {
                if (entries.Count >= MaxEntries)
                {
                    foreach (var stale in entries.OrderBy(e => e.Value.LastAsked).Take(entries.Count / 2).ToList())
                    {
                        entries.TryRemove(stale);
                    }
                }
            }

            entry = entries.GetOrAdd(key, _ => create());
        }

        entry.LastAsked = Interlocked.Increment(ref _asked);
        return entry;
    }

    /// <summary>Only a newer text version starts again: a request still holding an older snapshot reads hits at least as fresh.</summary>
    private Generation GenerationFor(long textVersion)
    {
        if (_current is { } current && textVersion <= current.TextVersion)
        {
            return current;
        }

        lock (_gate)
        {
            if (textVersion > _current.TextVersion)
            {
                _current = new Generation(textVersion);
            }

            return _current;
        }
    }

    private sealed class Generation(long textVersion)
    {
        public long TextVersion { get; } = textVersion;

        public ConcurrentDictionary<string, PlacedSearch> Searches { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, WordHits> Words { get; } = new(StringComparer.Ordinal);
    }

    private abstract class Entry
    {
        /// <summary>When it was last asked for, on the cache's own count of requests.</summary>
        public long LastAsked;
    }

    /// <summary>A word's hits (mentor id → score), once asked.</summary>
    private sealed class WordHits : Entry
    {
        public Task<IReadOnlyDictionary<Guid, double>>? Hits { get; set; }
    }

    /// <summary>A search's matches in the snapshot they were last placed in.</summary>
    private sealed class PlacedSearch : Entry
    {
        public volatile TextMatches? Placed;
    }
}
