namespace Gurukul.Features.Discovery;

/// <summary>
/// The public mentors of one snapshot whose text matches a search, as a set for filtering and counting, and in relevance
/// order (score, then rating, rating count and id) with each one's score, for the relevance order's pages.
/// </summary>
public sealed class TextMatches
{
    private readonly IReadOnlyList<ClauseMatches> _clauses;

    private TextMatches(SearchSnapshot snapshot, SearchBits hits, int[] byRelevance, double[] scores, IReadOnlyList<ClauseMatches> clauses)
    {
        _clauses = clauses;
        Snapshot = snapshot;
        Hits = hits;
        ByRelevance = byRelevance;
        Scores = scores;
    }

    public SearchSnapshot Snapshot { get; }

    public SearchBits Hits { get; }

    public int[] ByRelevance { get; }

    /// <summary>The score of <see cref="ByRelevance"/>'s mentor at the same index.</summary>
    public double[] Scores { get; }

    /// <summary>Places the database's hits (visible or not) in the snapshot; those it does not hold are not public.</summary>
    public static TextMatches Of(SearchSnapshot snapshot, IReadOnlyList<TextHit> hits, IReadOnlyList<ClauseMatches> clauses)
    {
        var set = new SearchBits(snapshot.Count);
        var found = new List<(int Position, double Score)>(hits.Count);
        foreach (var hit in hits)
        {
            if (snapshot.PositionOf(hit.MentorId) is { } position)
            {
                set.Add(position);
                found.Add((position, hit.Score));
            }
        }

        found.Sort((a, b) => SearchOrder.Compare(snapshot.Key(a.Position, a.Score), snapshot.Key(b.Position, b.Score), MentorSort.Relevance));
        return new TextMatches(snapshot, set, [.. found.Select(f => f.Position)], [.. found.Select(f => f.Score)], clauses);
    }

    /// <summary>Why the mentor at this position matched, part by part, where it was not simply the words typed.</summary>
    public IReadOnlyList<MatchReason> Reasons(int position) =>
        [.. _clauses.Select(c => c.Why(Snapshot.Ids[position], position)).OfType<MatchReason>()];
}
