using System.Collections.Concurrent;
using System.Globalization;
using Gurukul.Features.Profiles.Pages.Controls;
using NodaTime;

namespace Gurukul.Features.Profiles.Pages;

/// <summary>The countries and time zones a student picks from, named in the page's language.</summary>
public static class PlaceChoices
{
    public const string India = "IN";

    private static readonly ConcurrentDictionary<string, IReadOnlyList<Choice>> CountriesByLanguage = new(StringComparer.Ordinal);

    // Every region some culture belongs to, as ISO 3166 alpha-2 codes (not the numeric areas such as "419").
    private static readonly string[] Regions = [.. CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(culture => RegionOf(culture.Name))
        .OfType<string>()
        .Where(code => code.Length == 2 && code.All(char.IsAsciiLetterUpper))
        .Distinct(StringComparer.Ordinal)];

    /// <summary>Every IANA zone Gurukul knows, aliases included: a browser may report <c>Asia/Calcutta</c> for India.</summary>
    public static IReadOnlyList<Choice> TimeZones { get; } =
        [.. DateTimeZoneProviders.Tzdb.Ids.Order(StringComparer.Ordinal).Select(id => new Choice(id, id.Replace('_', ' ')))];

    /// <summary>India first (most students are there), then the rest in the alphabetical order of the page's language.</summary>
    public static IReadOnlyList<Choice> Countries(CultureInfo language) =>
        CountriesByLanguage.GetOrAdd(language.TwoLetterISOLanguageName, code =>
        {
            var named = Regions.Select(region => new Choice(region, CountryName(code, region))).ToList();
            var comparer = StringComparer.Create(language, ignoreCase: true);
            return [.. named.Where(c => c.Value == India), .. named.Where(c => c.Value != India).OrderBy(c => c.Label, comparer)];
        });

    // ICU names a country in a language through a locale of both: "te-DE" → జర్మనీ.
    private static string CountryName(string language, string region)
    {
        try
        {
            return new RegionInfo($"{language}-{region}").NativeName;
        }
        catch (ArgumentException)
        {
            return new RegionInfo(region).EnglishName;
        }
    }

    private static string? RegionOf(string cultureName)
    {
        try
        {
            return new RegionInfo(cultureName).TwoLetterISORegionName;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
