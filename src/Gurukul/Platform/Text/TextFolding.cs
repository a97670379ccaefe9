using System.Text;

namespace Gurukul.Platform.Text;

/// <summary>
/// The one normalization both ends of matching go through (a query, and every word it is compared with): Unicode
/// compatibility composition (NFKC, which includes NFC), no zero-width joiners or other invisible format characters,
/// digits of every script as ASCII digits, nukta letters as their plain letter, candrabindu as anusvara, the candra
/// vowels of Marathi and English loanwords as their ordinary vowels, and lower case. Two spellings people treat as the
/// same word fold to the same text: <c>अंग्रेज़ी</c> and <c>अंग्रेजी</c>, <c>గణితం</c> typed with a ZWNJ, <c>२०२६</c> and <c>2026</c>.
/// Text is stored as written; only comparisons fold.
/// </summary>
public static class TextFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var composed = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var folded = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            if (IsInvisible(c) || IsNukta(c))
            {
                continue;
            }

            if (char.IsDigit(c) && c > '9')
            {
                folded.Append((char)('0' + (int)char.GetNumericValue(c)));
                continue;
            }

            folded.Append(Variant(c));
        }

        // Dropping a nukta can leave letters that compose differently; lower-casing last keeps Latin text as before.
        return folded.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    /// <summary>Zero-width space, joiners, word joiner, byte-order mark, soft hyphen: they change how text looks, not what it says.</summary>
    public static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD';

    // The nukta of Devanagari, Bengali, Gurmukhi, Gujarati, Odia, Telugu and Kannada (NFC already split क़ into क + ़).
    private static bool IsNukta(char c) => c is '\u093C' or '\u09BC' or '\u0A3C' or '\u0ABC' or '\u0B3C' or '\u0C3C' or '\u0CBC';

    private static char Variant(char c) => c switch
    {
        '\u0901' => '\u0902', // Devanagari candrabindu → anusvara
        '\u0981' => '\u0982', // Bengali
        '\u0A01' => '\u0A02', // Gurmukhi
        '\u0A81' => '\u0A82', // Gujarati
        '\u0B01' => '\u0B02', // Odia
        '\u0C01' => '\u0C02', // Telugu arasunna → anusvara
        '\u0C81' => '\u0C82', // Kannada
        '\u0945' => '\u0947', // Devanagari candra e sign → e sign
        '\u0949' => '\u094B', // candra o sign → o sign
        '\u090D' => '\u090F', // candra e → e
        '\u0911' => '\u0913', // candra o → o
        '\u0931' => '\u0930', // eyelash ra → ra
        '\u0934' => '\u0933', // llla → lla
        _ => c,
    };
}
