using Gurukul.Features.Reference;

namespace Gurukul.Features.Discovery;

/// <summary>Why a result matched a part of the search when it was not simply the words typed (ADR 0022).</summary>
public enum MatchKind
{
    /// <summary>The mentor teaches a subject the words name ("భౌతిక శాస్త్రం" → Physics).</summary>
    Subject,

    /// <summary>The mentor teaches in a language the words name ("తెలుగు" → Telugu).</summary>
    Language,

    /// <summary>The mentor's text names the entry the words name in English (बोर्ड → CBSE in a headline).</summary>
    Term,

    /// <summary>The words were found written in another script or spelt as they sound (प्रिया → Priya).</summary>
    Transliteration,

    /// <summary>The word was taken as a typo of a word the mentor uses (phsyics → physics).</summary>
    Typo,
}

/// <summary>
/// One reason: what was typed (<see cref="Query"/>) and what it matched — a subject or language (<see cref="Concept"/>,
/// named in the reader's language when shown) or a word of the mentor's text (<see cref="Word"/>).
/// </summary>
public sealed record MatchReason(MatchKind Kind, string Query, Concept? Concept, string? Word);

/// <summary>
/// A clause of a search with the hits of each of its parts, so the clause's matches can be combined and, for the few
/// mentors shown on a page, the reason each one matched can be told without having kept a reason for every hit.
/// The word hits are the shared cached ones; the concept sets are the snapshot's own.
/// </summary>
public sealed class ClauseMatches(
    SearchClause clause,
    IReadOnlyList<IReadOnlyDictionary<Guid, double>> literal,
    IReadOnlyList<(Alternative Alternative, IReadOnlyDictionary<Guid, double> Hits)> alternatives,
    IReadOnlyList<(Concept Concept, SearchBits Mentors)> taught,
    IReadOnlyList<IReadOnlyList<IReadOnlyDictionary<Guid, double>>> phrases)
{
    /// <summary>Teaching a subject scores as a subject or expertise word does (<see cref="MentorTextSearch"/>); teaching in a language as a headline word.</summary>
    private const double SubjectScore = 4;
    private const double LanguageScore = 2;

    public SearchClause Clause => clause;

    /// <summary>Every mentor (by id) matching the clause, with the best score any part gives them.</summary>
    public Dictionary<Guid, double> Hits(SearchSnapshot snapshot)
    {
        var hits = AllOf(literal);
        foreach (var (_, alternative) in alternatives)
        {
            Merge(hits, alternative);
        }

        foreach (var phrase in phrases)
        {
            Merge(hits, AllOf(phrase));
        }

        foreach (var (concept, mentors) in taught)
        {
            var score = concept.Kind == TermKind.Language ? LanguageScore : SubjectScore;
            foreach (var position in mentors.Positions())
            {
                var id = snapshot.Ids[position];
                hits[id] = Math.Max(hits.GetValueOrDefault(id), score);
            }
        }

        return hits;
    }

    /// <summary>
    /// At most how many mentors the clause matches, cheaply: the sum of its parts' sizes (a word run counts its rarest word).
    /// A search materializes only its smallest clause and checks the others mentor by mentor (<see cref="ScoreOf"/>).
    /// </summary>
    public long Bound => (literal.Count == 0 ? 0 : literal.Min(w => (long)w.Count))
        + alternatives.Sum(a => (long)a.Hits.Count)
        + phrases.Sum(p => p.Count == 0 ? 0 : p.Min(w => (long)w.Count))
        + taught.Sum(t => (long)t.Mentors.Count());

    /// <summary>The mentor's best score in this clause, or null when the clause does not match them.</summary>
    public double? ScoreOf(Guid mentorId, int position)
    {
        double? best = literal.Count > 0 && literal.All(w => w.ContainsKey(mentorId)) ? literal.Sum(w => w[mentorId]) : null;
        foreach (var (_, hits) in alternatives)
        {
            if (hits.TryGetValue(mentorId, out var score))
            {
                best = Math.Max(best ?? 0, score);
            }
        }

        foreach (var phrase in phrases)
        {
            if (phrase.Count > 0 && phrase.All(w => w.ContainsKey(mentorId)))
            {
                best = Math.Max(best ?? 0, phrase.Sum(w => w[mentorId]));
            }
        }

        foreach (var (concept, mentors) in taught)
        {
            if (mentors[position])
            {
                best = Math.Max(best ?? 0, concept.Kind == TermKind.Language ? LanguageScore : SubjectScore);
            }
        }

        return best;
    }

    /// <summary>Why this mentor matched the clause, unless it was plainly the words typed.</summary>
    public MatchReason? Why(Guid mentorId, int position)
    {
        foreach (var (concept, mentors) in taught)
        {
            if (mentors[position])
            {
                return new MatchReason(concept.Kind == TermKind.Language ? MatchKind.Language : MatchKind.Subject, clause.Query, concept, null);
            }
        }

        if (literal.All(word => word.ContainsKey(mentorId)))
        {
            return null;
        }

        for (var i = 0; i < phrases.Count; i++)
        {
            if (phrases[i].All(word => word.ContainsKey(mentorId)))
            {
                return new MatchReason(MatchKind.Term, clause.Query, null, string.Join(' ', clause.ConceptPhrases[i]));
            }
        }

        foreach (var (alternative, hits) in alternatives)
        {
            if (hits.ContainsKey(mentorId))
            {
                return alternative.Kind switch
                {
                    AlternativeKind.Spelling => null,
                    AlternativeKind.Transliteration => new MatchReason(MatchKind.Transliteration, clause.Query, null, alternative.Word),
                    _ => new MatchReason(MatchKind.Typo, clause.Query, null, alternative.Word),
                };
            }
        }

        return null;
    }

    /// <summary>The mentors in every one of <paramref name="words"/>' hits, scored by the sum (none for no words).</summary>
    private static Dictionary<Guid, double> AllOf(IReadOnlyList<IReadOnlyDictionary<Guid, double>> words)
    {
        if (words.Count == 0)
        {
            return [];
        }

        var fewest = words.MinBy(w => w.Count)!;
        var all = new Dictionary<Guid, double>(fewest.Count);
        foreach (var mentorId in fewest.Keys)
        {
            var score = 0d;
            var everyWord = true;
            foreach (var word in words)
            {
                if (!word.TryGetValue(mentorId, out var wordScore))
                {
                    everyWord = false;
                    break;
                }

                score += wordScore;
            }

            if (everyWord)
            {
                all[mentorId] = score;
            }
        }

        return all;
    }

    private static void Merge(Dictionary<Guid, double> into, IReadOnlyDictionary<Guid, double> more)
    {
        foreach (var (id, score) in more)
        {
            into[id] = Math.Max(into.GetValueOrDefault(id), score);
        }
    }
}
