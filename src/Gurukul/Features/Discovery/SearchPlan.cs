using Gurukul.Features.Reference;
using Gurukul.Platform.Text;

namespace Gurukul.Features.Discovery;

/// <summary>How a word of the search may also be written in the mentors' text.</summary>
public enum AlternativeKind
{
    /// <summary>The same word spelt with a nukta, a joiner or another variant the folding removes.</summary>
    Spelling,

    /// <summary>The word in another script, or spelt as it sounds (प्रिया → priya, fisics → physics).</summary>
    Transliteration,

    /// <summary>A word of the index within the typo allowance (phsyics → physics).</summary>
    Typo,
}

/// <summary>An indexed word a query word stands for, and why.</summary>
public sealed record Alternative(string Word, AlternativeKind Kind);

/// <summary>
/// One part of a search that every result must match: a word, or a run of words that names taxonomy entries in any
/// language. A mentor matches the clause when their text has every <see cref="Literal"/> word, or one of the
/// <see cref="Alternatives"/>, or they teach (or teach in) one of the <see cref="Concepts"/>, or their text has one of
/// the concepts' English names (<see cref="ConceptPhrases"/>, each phrase all its words). The literal words are widened
/// to their look-alikes unless they named a taxonomy entry exactly (<see cref="ExactLiteral"/>: "NEET" is not "need").
/// </summary>
public sealed record SearchClause(
    string Query, IReadOnlyList<string> Literal, IReadOnlyList<Alternative> Alternatives, IReadOnlyList<Concept> Concepts,
    IReadOnlyList<IReadOnlyList<string>> ConceptPhrases, bool ExactLiteral = false)
{
    public string Key => string.Join('+', Literal) + (ExactLiteral ? "=" : "") + "|" + string.Join(',', Alternatives.Select(a => a.Word))
        + "|" + string.Join(',', Concepts.Select(c => $"{c.Kind}:{c.Key}"));
}

/// <summary>
/// What a free-text search asks for, worked out before any matching (ADR 0022): its words folded, runs of words that
/// name taxonomy entries (in any language or script, with typos) turned into concepts, and every other word widened to
/// its other spellings, transliterations and likely typos among the words mentors actually use.
/// </summary>
public sealed record SearchPlan(IReadOnlyList<SearchClause> Clauses)
{
    /// <summary>English filler in an entry's name that says nothing on its own ("Design &amp; Analysis of Algorithms").</summary>
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal) { "and", "of", "the", "for", "with", "in" };

    /// <summary>The search's identity for caching its matches.</summary>
    public string Key => string.Join(' ', Clauses.Select(c => c.Key));

    public static SearchPlan For(IReadOnlyList<string> words, TermSet terms, SearchVocabulary.Words vocabulary)
    {
        var clauses = new List<SearchClause>();
        // A word the mentors use (as written, as it sounds, or within a typo of it) is theirs before it is a taxonomy typo:
        // "वर्मा" is Verma, not one edit from "Pharma".
        var matches = terms.Find(words, word => vocabulary.Has(word) || vocabulary.SoundingLike(word).Count > 0 || vocabulary.TyposOf(word).Count > 0);
        var next = 0;
        foreach (var match in matches.Append(null))
        {
            var end = match?.Start ?? words.Count;
            for (; next < end; next++)
            {
                clauses.Add(WordClause(words[next], vocabulary));
            }

            if (match is not null)
            {
                var literal = words.Skip(match.Start).Take(match.Length).ToList();
                var concepts = Expand(match.Concepts, terms);
                clauses.Add(new SearchClause(
                    string.Join(' ', literal), literal, [], concepts,
                    [.. match.Concepts.SelectMany(c => EnglishPhrases(c, terms)).Distinct(PhraseComparer.Instance)], ExactLiteral: !match.Approximate));
                next = match.Start + match.Length;
            }
        }

        return new SearchPlan(clauses);
    }

    private static SearchClause WordClause(string word, SearchVocabulary.Words vocabulary)
    {
        var alternatives = new List<Alternative>();
        void Add(IEnumerable<string> found, AlternativeKind kind)
        {
            foreach (var other in found)
            {
                if (other != word && alternatives.Count < SearchVocabulary.MaxLookAlikes && alternatives.All(a => a.Word != other))
                {
                    alternatives.Add(new Alternative(other, kind));
                }
            }
        }

        Add(vocabulary.SpellingsOf(word), AlternativeKind.Spelling);
        Add(vocabulary.SoundingLike(word), AlternativeKind.Transliteration);
        if (word.Length >= SearchWords.MinTypoLength && !vocabulary.Has(word))
        {
            Add(vocabulary.TyposOf(word), AlternativeKind.Typo);
        }

        return new SearchClause(word, [word], alternatives, [], []);
    }

    /// <summary>A category stands for its subjects, so results can say which one a mentor teaches.</summary>
    private static List<Concept> Expand(IEnumerable<Concept> concepts, TermSet terms) =>
        [.. concepts.SelectMany(c => c.Kind == TermKind.Category
            ? terms.SubjectsByCategory.GetValueOrDefault(c.Key, []).Select(s => new Concept(TermKind.Subject, s))
            : [c]).Distinct()];

    /// <summary>
    /// How English text names an entry: by its English name. Not by its English synonyms: measured on the demo
    /// marketplace's query table, they found mentors who wrote "civil", "answer writing" or "communication" for other
    /// reasons (precision fell from 0.93 to 0.83) and found no one the name missed who taught the subject.
    /// </summary>
    private static IEnumerable<IReadOnlyList<string>> EnglishPhrases(Concept concept, TermSet terms) =>
        terms.EnglishName(concept) is { } name ? Phrases(name) : [];

    /// <summary>An English name as the phrases a text would use: without its parenthesised qualifier, each "/" part alone.</summary>
    private static IEnumerable<IReadOnlyList<string>> Phrases(string englishName)
    {
        var bare = englishName.Split('(')[0];
        return bare.Split('/').Select(part => (IReadOnlyList<string>)[.. SearchText.Words(part).Where(w => !Filler.Contains(w))])
            .Where(words => words.Count > 0);
    }

    private sealed class PhraseComparer : IEqualityComparer<IReadOnlyList<string>>
    {
        public static readonly PhraseComparer Instance = new();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(IReadOnlyList<string> phrase) => string.Join(' ', phrase).GetHashCode(StringComparison.Ordinal);
    }
}
