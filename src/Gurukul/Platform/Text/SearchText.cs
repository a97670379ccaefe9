using System.Globalization;
using System.Text;

namespace Gurukul.Platform.Text;

/// <summary>
/// Text cut into words the way both databases' indexes cut it — runs of letters, digits and combining marks, so a Telugu
/// or Hindi word with its vowel signs stays whole — after <see cref="TextFolding"/>, so a joiner inside a word does not
/// split it and every variant spelling arrives in one form.
/// </summary>
public static class SearchText
{
    public static IReadOnlyList<string> Words(string? text) => [.. AllWords(text)];

    /// <summary>Every word, folded, in order, repeats kept.</summary>
    public static IEnumerable<string> AllWords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var current = new StringBuilder();
        foreach (var c in TextFolding.Fold(text).Append(' '))
        {
            if (IsWordCharacter(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                yield return current.ToString();
                current.Clear();
            }
        }
    }

    public static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
