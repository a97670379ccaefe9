using System.Globalization;
using System.Text;

namespace Gurukul.Platform.Text;

/// <summary>
/// A word reduced to how it sounds in Latin letters, so spellings people use interchangeably meet: the word is folded
/// (<see cref="TextFolding"/>), Devanagari and Telugu are romanized (<see cref="Transliterator"/>), accents dropped,
/// aspirates and digraphs merged (ph/f, th/t, sh/s, bh/b …), c/k/q, w/v, z/j, y/i, long vowels (ee, oo, aa) and
/// doubled letters made single. "physics", "fisics" and "ఫిజిక్స్" share a key; so do "bhautik" and "bhoutik", "Sharma"
/// and "शर्मा". Typos are then measured between keys (<see cref="DamerauLevenshtein"/>). Words of other scripts keep
/// their folded letters as the key.
/// </summary>
public static class PhoneticKey
{
    private static readonly (string From, string To)[] Rules =
    [
        ("ksh", "ks"), ("ch", "C"), ("ph", "f"), ("bh", "b"), ("dh", "d"), ("gh", "g"), ("jh", "j"), ("kh", "k"), ("sh", "s"),
        ("th", "t"), ("ck", "k"), ("c", "k"), ("C", "c"), ("q", "k"), ("x", "ks"), ("w", "v"), ("z", "j"), ("y", "i"),
        ("ee", "i"), ("oo", "u"), ("ou", "o"), ("au", "o"),
    ];

    public static string Of(string word)
    {
        var folded = TextFolding.Fold(word);
        var latin = Transliterator.HasIndicLetters(folded) ? Transliterator.ToLatin(folded) : folded;
        var plain = new StringBuilder(latin.Length);
        foreach (var c in latin.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(c);
            }
        }

        if (!plain.ToString().All(char.IsAscii))
        {
            return folded; // a script without a table here (Tamil, Bengali …): compare the letters themselves
        }

        foreach (var (from, to) in Rules)
        {
            plain.Replace(from, to);
        }

        var key = new StringBuilder(plain.Length);
        foreach (var c in plain.ToString())
        {
            if (char.IsAsciiLetterOrDigit(c) && (key.Length == 0 || key[^1] != c))
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }
}
