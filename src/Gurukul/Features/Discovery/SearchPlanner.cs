using System.Collections.Concurrent;
using Gurukul.Features.Reference;
using Gurukul.Platform.Data;

namespace Gurukul.Features.Discovery;

/// <summary>
/// Works out a search's <see cref="SearchPlan"/> from its words against this node's term dictionary and vocabulary, and
/// remembers the plans of recent searches until either changes: visitors repeat the same few hundred searches, and a
/// plan with typo look-ups costs a scan of the vocabulary.
/// </summary>
public sealed class SearchPlanner(TaxonomyGlossary dictionary, SearchVocabulary vocabulary)
{
    private const int MaxPlans = 1024;

    private volatile Remembered _remembered = new(null, null);

    public async Task<SearchPlan> PlanAsync(GurukulDbContext db, long textVersion, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var terms = await dictionary.AtAsync(db, textVersion, cancellationToken);
        var known = await vocabulary.CurrentAsync(db, textVersion, cancellationToken);
        var remembered = _remembered;
        if (remembered.Terms != terms || remembered.Words != known)
        {
            remembered = new Remembered(terms, known);
            _remembered = remembered;
        }

        var key = string.Join(' ', words);
        if (remembered.Plans.TryGetValue(key, out var plan))
        {
            return plan;
        }

        plan = SearchPlan.For(words, terms, known);
        if (remembered.Plans.Count < MaxPlans)
        {
            remembered.Plans.TryAdd(key, plan);
        }

        return plan;
    }

    private sealed record Remembered(TermSet? Terms, SearchVocabulary.Words? Words)
    {
        public ConcurrentDictionary<string, SearchPlan> Plans { get; } = new(StringComparer.Ordinal);
    }
}
