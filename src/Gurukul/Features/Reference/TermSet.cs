using System.Globalization;
using Gurukul.Platform.Text;

namespace Gurukul.Features.Reference;

/// <summary>A taxonomy entry a term names: a subject, category, board or language, by its fixed key.</summary>
public readonly record struct Concept(TermKind Kind, string Key);

/// <summary>A dictionary term as search compares it: its text, language and the words and key it folds to.</summary>
public sealed record DictionaryTerm(Concept Concept, string Language, string Text, IReadOnlyList<string> Words, string Key);

/// <summary>Where a run of query words matched the dictionary: the words' span, the concepts they name and the term that matched.</summary>
public sealed record TermMatch(int Start, int Length, IReadOnlyList<Concept> Concepts, DictionaryTerm Term, bool Approximate);

/// <summary>
/// The multilingual term dictionary at one text version of the search clock (ADR 0022), immutable: every entry's name
/// in each language (for pages and the API) and every term in every script, keyed for matching a query — exactly by
/// its folded phonetic key, or within the typo allowance of <see cref="DamerauLevenshtein"/>. English names of entries
/// count as English terms.
/// </summary>
public sealed class TermSet
{
    /// <summary>A term is tried against at most this many consecutive query words.</summary>
    public const int MaxTermWords = 5;

    /// <summary>Shorter keys must match exactly: at four letters and under, one edit turns most words into others.</summary>
    private const int MinApproximateKeyLength = 5;

    private readonly Dictionary<(TermKind, string, string), string> _names;
    private readonly Dictionary<Concept, string> _englishNames;
    private readonly Dictionary<string, List<DictionaryTerm>> _byKey;
    private readonly List<DictionaryTerm>[] _byKeyLength;
    private readonly Dictionary<string, string> _categoryOfSubject;

    public TermSet(long textVersion, IEnumerable<TermRow> terms, IEnumerable<(Concept Concept, string EnglishName)> entries,
        IReadOnlyDictionary<string, IReadOnlyList<string>> subjectsByCategory)
    {
        TextVersion = textVersion;
        SubjectsByCategory = subjectsByCategory;
        _categoryOfSubject = subjectsByCategory.SelectMany(c => c.Value.Select(s => (Subject: s, Category: c.Key)))
            .ToDictionary(p => p.Subject, p => p.Category, StringComparer.Ordinal);
        _englishNames = entries.ToDictionary(e => e.Concept, e => e.EnglishName);
        _names = [];
        var all = new List<DictionaryTerm>();
        foreach (var (concept, englishName) in _englishNames)
        {
            all.Add(Term(concept, "en", englishName));
        }

        foreach (var row in terms)
        {
            var concept = new Concept(row.Kind, row.Key);
            if (!_englishNames.ContainsKey(concept))
            {
                continue; // a term left behind by an entry deleted meanwhile
            }

            if (row.IsName)
            {
                _names[(row.Kind, row.Key, row.Language)] = row.Text;
            }

            all.Add(Term(concept, row.Language, row.Text));
        }

        Terms = all;
        _byKey = all.Where(t => t.Key.Length > 0).GroupBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var longest = all.Count == 0 ? 0 : all.Max(t => t.Key.Length);
        _byKeyLength = [.. Enumerable.Range(0, longest + 1).Select(_ => new List<DictionaryTerm>())];
        foreach (var term in all)
        {
            _byKeyLength[term.Key.Length].Add(term);
        }
    }

    public long TextVersion { get; }

    public IReadOnlyList<DictionaryTerm> Terms { get; }

    /// <summary>The subject slugs of each category, for a query naming a whole category.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SubjectsByCategory { get; }

    public static TermSet Empty { get; } = new(-1, [], [], new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>The entry's name in <paramref name="language"/>, else its English name (null for an entry this set does not know).</summary>
    public string? NameIn(Concept concept, string language) =>
        _names.GetValueOrDefault((concept.Kind, concept.Key, language)) ?? _englishNames.GetValueOrDefault(concept);

    /// <summary>The entry's name in the language of the current request's UI culture.</summary>
    public string Name(TermKind kind, string key, string fallback) =>
        NameIn(new Concept(kind, key), CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? fallback;

    /// <summary>Whether the entry has a name of its own in <paramref name="language"/> (English names are the entries' own).</summary>
    public bool HasName(Concept concept, string language) =>
        language == "en" ? _englishNames.ContainsKey(concept) : _names.ContainsKey((concept.Kind, concept.Key, language));

    public string? EnglishName(Concept concept) => _englishNames.GetValueOrDefault(concept);

    /// <summary>The name, in the current UI language, of the category this subject is in.</summary>
    public string? CategoryNameOf(string subjectSlug) =>
        _categoryOfSubject.TryGetValue(subjectSlug, out var category) ? Name(TermKind.Category, category, category) : null;

    /// <summary>
    /// The runs of <paramref name="words"/> (folded query words) that name taxonomy entries, left to right, each the
    /// longest run that matches a term: exactly by key first, then within the typo allowance. Words in no run are left
    /// for ordinary text matching. Words the mentors' own text uses (<paramref name="known"/>) are never taken as typos of a term.
    /// </summary>
    public IReadOnlyList<TermMatch> Find(IReadOnlyList<string> words, Func<string, bool>? known = null)
    {
        var matches = new List<TermMatch>();
        var keys = words.Select(PhoneticKey.Of).ToList();
        for (var start = 0; start < words.Count;)
        {
            var match = Longest(words, keys, start, known ?? (_ => false));
            if (match is null)
            {
                start++;
                continue;
            }

            matches.Add(match);
            start += match.Length;
        }

        return matches;
    }

    private TermMatch? Longest(IReadOnlyList<string> words, List<string> keys, int start, Func<string, bool> known)
    {
        for (var length = Math.Min(MaxTermWords, keys.Count - start); length >= 1; length--)
        {
            var key = string.Concat(keys.Skip(start).Take(length));
            if (key.Length == 0)
            {
                continue;
            }

            if (_byKey.TryGetValue(key, out var exact))
            {
                return new TermMatch(start, length, [.. exact.Select(t => t.Concept).Distinct()], exact[0], Approximate: false);
            }

            // A typo is forgiven within a term, never across words: "JEE ఫిజిక్స్" is not two edits from ఫిజిక్స్.
            if (!words.Skip(start).Take(length).All(known) && Nearest(key, length) is { } near)
            {
                return new TermMatch(start, length, [.. near.Select(t => t.Concept).Distinct()], near[0], Approximate: true);
            }
        }

        return null;
    }

    /// <summary>
    /// The terms of <paramref name="words"/> words whose key is fewest edits from <paramref name="key"/>, within its
    /// allowance (none for short keys).
    /// </summary>
    private List<DictionaryTerm>? Nearest(string key, int words)
    {
        var allowed = DamerauLevenshtein.AllowedEdits(key.Length);
        if (key.Length < MinApproximateKeyLength || allowed == 0)
        {
            return null;
        }

        List<DictionaryTerm>? best = null;
        var bestDistance = allowed + 1;
        for (var length = Math.Max(0, key.Length - allowed); length <= Math.Min(_byKeyLength.Length - 1, key.Length + allowed); length++)
        {
            foreach (var term in _byKeyLength[length])
            {
                if (term.Words.Count != words)
                {
                    continue;
                }

                var distance = DamerauLevenshtein.Distance(key, term.Key, bestDistance);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = [term];
                }
                else if (distance == bestDistance && best is not null && distance <= allowed)
                {
                    best.Add(term);
                }
            }
        }

        return bestDistance <= allowed ? best : null;
    }

    private static DictionaryTerm Term(Concept concept, string language, string text)
    {
        var words = SearchText.Words(text);
        return new DictionaryTerm(concept, language, text, words, string.Concat(words.Select(PhoneticKey.Of)));
    }
}

/// <summary>A row of taxonomy_terms as loaded.</summary>
public sealed record TermRow(TermKind Kind, string Key, string Language, string Text, bool IsName);
