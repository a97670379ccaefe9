using System.Globalization;
using System.Text;

namespace Gurukul.Features.Mentors;

/// <summary>Readable URL names: "Dr. Priya Sharma" → <c>dr-priya-sharma</c>; taken names get <c>-2</c>, <c>-3</c> ….</summary>
public static class Slugs
{
    public static string From(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? "mentor" : result[..Math.Min(result.Length, 100)].TrimEnd('-');
    }

    public static string Unique(string baseSlug, Func<string, bool> isTaken)
    {
        var candidate = baseSlug;
        for (var n = 2; isTaken(candidate); n++)
        {
            candidate = $"{baseSlug}-{n}";
        }

        return candidate;
    }
}
