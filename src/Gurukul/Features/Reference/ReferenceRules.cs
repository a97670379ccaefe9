using System.Text.RegularExpressions;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Reference;

/// <summary>The shape of codes, slugs, names and sort orders in reference data. Collects every problem, field by field.</summary>
internal sealed partial class ReferenceRules(FieldErrors errors, IStringLocalizer<Strings> text)
{
    public const int MaxSortOrder = 9999;

    /// <summary>An ISO 639 code such as <c>te</c> or <c>kok</c>. Trimmed and lower-cased first: <c>" KOK"</c> is <c>kok</c>.</summary>
    public string? LanguageCode(string? value)
    {
        var code = Normalize(value);
        if (code is not null && LanguageCodePattern().IsMatch(code))
        {
            return code;
        }

        errors.Add("code", text["reference.validation.language_code"]);
        return null;
    }

    /// <summary>A URL-safe key (<c>jee-main</c>, <c>chse-odisha</c>): lowercase letters and digits in hyphen-separated words.</summary>
    public string? Slug(string field, string? value, int maxLength)
    {
        var slug = Normalize(value);
        if (slug is { Length: >= 2 } && slug.Length <= maxLength && SlugPattern().IsMatch(slug))
        {
            return slug;
        }

        errors.Add(field, text["reference.validation.slug", maxLength]);
        return null;
    }

    /// <summary>On a change the key comes from the path; the body may repeat it, but not change it.</summary>
    public void Unchanged(string field, string? sent, string key)
    {
        if (sent is not null && Normalize(sent) != key)
        {
            errors.Add(field, text["reference.validation.key_fixed"]);
        }
    }

    public string? Name(string field, string? value, int maxLength)
    {
        var name = value?.Trim();
        if (name is { Length: > 0 } && name.Length <= maxLength)
        {
            return name;
        }

        errors.Add(field, text["reference.validation.name", maxLength]);
        return null;
    }

    /// <summary>Empty means none.</summary>
    public string? OptionalName(string field, string? value, int maxLength)
    {
        var name = value?.Trim();
        if (name?.Length > maxLength)
        {
            errors.Add(field, text["reference.validation.name_too_long", maxLength]);
        }

        return string.IsNullOrEmpty(name) ? null : name;
    }

    public int? SortOrder(int? value)
    {
        if (value is < 0 or > MaxSortOrder)
        {
            errors.Add("sortOrder", text["reference.validation.sort_order", MaxSortOrder]);
            return null;
        }

        return value;
    }

    private static string? Normalize(string? value) => value?.Trim().ToLowerInvariant();

    [GeneratedRegex("^[a-z]{2,8}$")]
    private static partial Regex LanguageCodePattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
