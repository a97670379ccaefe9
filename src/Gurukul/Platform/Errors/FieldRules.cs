using System.Globalization;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Platform.Errors;

/// <summary>Checks shared by profile forms: bounded text, short lists, countries, time zones and known codes.</summary>
public sealed class FieldRules(FieldErrors errors, IStringLocalizer<Strings> text)
{
    public const int MaxListItems = 10;
    public const int MaxItemLength = 80;

    public void Text(string field, string? value, int maxLength, bool required)
    {
        var trimmed = value?.Trim();
        if ((required && string.IsNullOrEmpty(trimmed)) || trimmed?.Length > maxLength)
        {
            errors.Add(field, text[required ? "profile.text_required" : "profile.text_too_long", maxLength]);
        }
    }

    /// <summary>Up to ten short, non-empty items; returns them trimmed and without repeats.</summary>
    public List<string> List(string field, List<string>? values)
    {
        var items = (values ?? []).Select(v => v?.Trim() ?? "").ToList();
        if (items.Count > MaxListItems)
        {
            errors.Add(field, text["profile.list_too_long", MaxListItems]);
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Length is 0 or > MaxItemLength)
            {
                errors.Add($"{field}[{i}]", text["profile.text_required", MaxItemLength]);
            }
        }

        return [.. items.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Lower-cased codes, each of which must be known (languages, subjects); unknown ones are named by index.</summary>
    public List<string> KnownCodes(string field, List<string>? values, ICollection<string> known, string messageKey)
    {
        var codes = (values ?? []).Select(v => v?.Trim().ToLowerInvariant() ?? "").ToList();
        if (codes.Count > MaxListItems)
        {
            errors.Add(field, text["profile.list_too_long", MaxListItems]);
        }

        for (var i = 0; i < codes.Count; i++)
        {
            if (!known.Contains(codes[i]))
            {
                errors.Add($"{field}[{i}]", text[messageKey, codes[i]]);
            }
        }

        return [.. codes.Distinct(StringComparer.Ordinal)];
    }

    public string? Country(string field, string? value)
    {
        var code = value?.Trim().ToUpperInvariant();
        if (code is { Length: 2 } && IsCountry(code))
        {
            return code;
        }

        errors.Add(field, text["profile.country"]);
        return null;
    }

    public string? TimeZone(string field, string? value)
    {
        var zone = value?.Trim();
        if (!string.IsNullOrEmpty(zone) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null)
        {
            return zone;
        }

        errors.Add(field, text["profile.timezone"]);
        return null;
    }

    private static bool IsCountry(string code)
    {
        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
