using Gurukul.Platform.Text;

namespace Gurukul.Features.Discovery;

/// <summary>
/// The words of a free-text search, cut the way both databases' indexes cut text (<see cref="SearchText"/>): runs of
/// letters, digits and combining marks (so a Telugu or Hindi word with its vowel signs stays whole), folded.
/// </summary>
public static class SearchWords
{
    /// <summary>Words after the eighth are ignored: every word must match, and eight already narrow any search.</summary>
    public const int MaxWords = 8;

    /// <summary>Below this length a word is too short to stand for a typo of another.</summary>
    public const int MinTypoLength = 4;

    /// <summary>How alike two words must be (pg_trgm similarity) for one to be taken as a typo of the other.</summary>
    public const double TypoSimilarity = 0.4;

    public static IReadOnlyList<string> Of(string? text)
    {
        var words = All(text).Distinct(StringComparer.Ordinal).ToList();
        return words.Count > MaxWords ? words[..MaxWords] : words;
    }

    /// <summary>Every word of <paramref name="text"/>, folded (<see cref="TextFolding"/>), in order, repeats kept: for text longer than a search.</summary>
    public static IEnumerable<string> All(string? text) => SearchText.AllWords(text);

    /// <summary>pg_trgm's similarity of two words: shared trigrams over all trigrams, each word padded as pg_trgm pads it.</summary>
    public static double Similarity(string a, string b)
    {
        var first = Trigrams(a);
        var second = Trigrams(b);
        var shared = first.Count(second.Contains);
        return (double)shared / (first.Count + second.Count - shared);
    }

    /// <summary>The word's own three-character pieces (no padding): what a trigram index can look up.</summary>
    public static IReadOnlyList<string> InnerTrigrams(string word) =>
        [.. Enumerable.Range(0, Math.Max(0, word.Length - 2)).Select(i => word.Substring(i, 3)).Distinct(StringComparer.Ordinal)];

    private static HashSet<string> Trigrams(string word)
    {
        var padded = "  " + word + " ";
        return [.. Enumerable.Range(0, padded.Length - 2).Select(i => padded.Substring(i, 3))];
    }
}
