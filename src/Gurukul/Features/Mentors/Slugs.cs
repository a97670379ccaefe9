using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Gurukul.Features.Mentors;

/// <summary>Readable URL names: "Dr. Priya Sharma" → <c>dr-priya-sharma</c>; taken names get <c>-2</c>, <c>-3</c> ….</summary>
public static class Slugs
{
    public const int MinChosenLength = 3;
    public const int MaxChosenLength = 60;

    /// <summary>
    /// Names of pages and API paths beside <c>/mentors/{slug}</c> (today's <c>/mentors/more</c>, tomorrow's
    /// <c>/mentors/search</c>, <c>/api/v1/mentors/facets</c> …) and words a reader would take for one: no mentor may own them.
    /// </summary>
    public static readonly FrozenSet<string> Reserved = FrozenSet.Create(StringComparer.Ordinal,
        "new", "edit", "search", "facets", "more", "api", "me", "admin", "apply", "application", "compare", "favorites",
        "recommendations", "nearby", "top", "featured", "browse", "all", "index", "list", "settings", "account", "sign-in",
        "sign-up", "login", "logout", "register", "help", "about", "null", "undefined", "media", "static", "feed", "rss");

    /// <summary>Why a slug a mentor chose is unacceptable (a UI string key), or null when it is fine; taken is checked elsewhere.</summary>
    public static string? ProblemWithChoice(string? slug)
    {
        if (string.IsNullOrEmpty(slug) || slug.Length is < MinChosenLength or > MaxChosenLength)
        {
            return "mentorprofile.slug.length";
        }

        var wellFormed = slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && slug[0] != '-' && slug[^1] != '-' && !slug.Contains("--", StringComparison.Ordinal);
        if (!wellFormed)
        {
            return "mentorprofile.slug.characters";
        }

        return IsReserved(slug) ? "mentorprofile.slug.reserved" : null;
    }

    /// <summary>A reserved word, or shaped like an id (which would make <c>/api/v1/mentors/{idOrSlug}</c> ambiguous).</summary>
    public static bool IsReserved(string slug) => Reserved.Contains(slug) || Guid.TryParse(slug, out _);

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
        for (var n = 2; isTaken(candidate) || IsReserved(candidate); n++)
        {
            candidate = $"{baseSlug}-{n}";
        }

        return candidate;
    }
}
