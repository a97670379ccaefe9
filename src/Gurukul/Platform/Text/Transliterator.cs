using System.Globalization;
using System.Text;

namespace Gurukul.Platform.Text;

/// <summary>
/// Devanagari and Telugu to Latin and back, driven by <see cref="ScriptTable"/>s. Romanization writes words the way
/// people in India type them (प्रिया शर्मा → "priya sharma", భౌతిక శాస్త్రం → "bhautika shastram"), so a name or term
/// written in one script can be found in another; reading Latin into a script is a best guess for the same purpose
/// ("ganitham" → గనితం, where Telugu writes గణితం). ICU4N's transliterator is not available here (ADR 0022).
/// </summary>
public static class Transliterator
{
    /// <summary>The text with every Devanagari and Telugu word in Latin letters; anything else unchanged.</summary>
    public static string ToLatin(string text)
    {
        var latin = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length;)
        {
            var table = TableOf(text[i]);
            if (table is null)
            {
                latin.Append(text[i]);
                i++;
                continue;
            }

            i = RomanizeLetter(text, i, table, latin);
        }

        return latin.ToString();
    }

    /// <summary>Whether the text has a letter of a script this transliterator reads.</summary>
    public static bool HasIndicLetters(string text) => text.Any(c => TableOf(c) is not null);

    /// <summary>A lower-case Latin word written in <paramref name="script"/> (Deva, Telu); null for an unknown script.</summary>
    public static string? FromLatin(string word, string script)
    {
        var table = ScriptTable.All.FirstOrDefault(t => t.Script == script);
        if (table is null)
        {
            return null;
        }

        var latin = word.ToLowerInvariant();
        var written = new StringBuilder(latin.Length * 2);
        ScriptTable.Pair? pending = null; // the last consonant written, still without its vowel
        var i = 0;
        while (i < latin.Length)
        {
            if (pending is null && written.Length > 0 && IsNasalBeforeConsonant(latin, i, table))
            {
                written.Append(table.Anusvara.Letter);
                i++;
                continue;
            }

            if (Longest(table.Consonants, latin, i) is { } consonant)
            {
                if (pending is not null)
                {
                    written.Append(table.Virama);
                }

                written.Append(consonant.Native);
                i += consonant.Latin.Length;
                pending = consonant;
                var vowel = Longest(table.VowelSigns, latin, i)?.Latin
                    ?? (latin.AsSpan(i).StartsWith(table.InherentVowel, StringComparison.Ordinal) ? table.InherentVowel : null);
                if (vowel is not null)
                {
                    i += vowel.Length;
                    pending = null;
                    if (i == latin.Length && table.FinalVowelsFromLatin.TryGetValue(vowel, out var final))
                    {
                        written.Append(final);
                    }
                    else if (vowel != table.InherentVowel)
                    {
                        written.Append(Longest(table.VowelSigns, vowel, 0)!.Native);
                    }
                }

                continue;
            }

            if (Longest(table.Vowels, latin, i) is { } independent)
            {
                written.Append(independent.Native);
                i += independent.Latin.Length;
                pending = null;
                continue;
            }

            i++; // a letter no table spells (punctuation was never part of a word)
        }

        if (pending is not null && !table.DropFinalInherentVowel)
        {
            if (table.FinalFromLatin.TryGetValue(pending.Latin, out var final))
            {
                written.Length -= pending.Native.Length;
                written.Append(final);
            }
            else
            {
                written.Append(table.Virama);
            }
        }

        return written.ToString();
    }

    private static ScriptTable? TableOf(char c)
    {
        foreach (var table in ScriptTable.All)
        {
            if (table.Holds(c))
            {
                return table;
            }
        }

        return null;
    }

    /// <summary>Writes the letter at <paramref name="i"/> (with its vowel sign or virama) in Latin and returns where the next one starts.</summary>
    private static int RomanizeLetter(string text, int i, ScriptTable table, StringBuilder latin)
    {
        if (LongestNative(table.Consonants, text, i) is { } consonant)
        {
            latin.Append(consonant.Romanized);
            var next = i + consonant.Native.Length;
            if (At(text, next, table.Virama))
            {
                return next + table.Virama.Length;
            }

            if (LongestNative(table.VowelSigns, text, next) is { } sign)
            {
                latin.Append(sign.Romanized);
                return next + sign.Native.Length;
            }

            var wordStart = i == 0 || !IsLetterOf(text[i - 1], table);
            if (!(table.DropFinalInherentVowel && EndsWord(text, next, table) && !wordStart))
            {
                latin.Append(table.InherentVowel);
            }

            return next;
        }

        if (LongestNative(table.Vowels, text, i) is { } vowel)
        {
            latin.Append(vowel.Romanized);
            return i + vowel.Native.Length;
        }

        if (At(text, i, table.Anusvara.Letter))
        {
            var next = i + table.Anusvara.Letter.Length;
            latin.Append(EndsWord(text, next, table) ? table.Anusvara.AtWordEnd
                : LongestNative(table.Consonants, text, next) is { } following && table.Labials.Contains(following.Native) ? table.Anusvara.BeforeLabials
                : table.Anusvara.Latin);
            return next;
        }

        if (LongestNative(table.Signs, text, i) is { } other)
        {
            latin.Append(other.Romanized);
            return i + other.Native.Length;
        }

        return i + 1; // a virama or mark on its own, a danda, a digit of the script (folding made digits ASCII)
    }

    private static bool IsNasalBeforeConsonant(string latin, int i, ScriptTable table)
    {
        if (latin[i] is not ('n' or 'm') || i + 1 >= latin.Length)
        {
            return false;
        }

        // Not before a vowel, a semivowel, h or another nasal (అమ్మ, अन्य): only before a stop, as in हिंदी, గంగ.
        var following = Longest(table.Consonants, latin, i + 1);
        return following is not null && following.Latin[0] is not ('y' or 'r' or 'l' or 'v' or 'w' or 'h' or 'n' or 'm');
    }

    private static bool EndsWord(string text, int i, ScriptTable table) => i >= text.Length || !IsLetterOf(text[i], table);

    private static bool IsLetterOf(char c, ScriptTable table) =>
        table.Holds(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not UnicodeCategory.OtherPunctuation;

    private static bool At(string text, int i, string part) => part.Length > 0 && text.AsSpan(i).StartsWith(part, StringComparison.Ordinal);

    private static ScriptTable.Pair? LongestNative(IReadOnlyList<ScriptTable.Pair> pairs, string text, int i)
    {
        ScriptTable.Pair? best = null;
        foreach (var pair in pairs)
        {
            if ((best is null || pair.Native.Length > best.Native.Length) && At(text, i, pair.Native))
            {
                best = pair;
            }
        }

        return best;
    }

    private static ScriptTable.Pair? Longest(IReadOnlyList<ScriptTable.Pair> pairs, string latin, int i)
    {
        ScriptTable.Pair? best = null;
        foreach (var pair in pairs)
        {
            if ((best is null || pair.Latin.Length > best.Latin.Length) && pair.Latin.Length > 0 && At(latin, i, pair.Latin))
            {
                best = pair;
            }
        }

        return best;
    }
}
