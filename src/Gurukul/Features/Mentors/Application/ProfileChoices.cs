using System.Collections.Concurrent;
using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace Gurukul.Features.Mentors.Application;

/// <summary>A time zone to choose, with the older names browsers may still report for it (Chromium says <c>Asia/Calcutta</c>).</summary>
public sealed record TimeZoneChoice(string Id, string Label, string Aliases);

public sealed record TimeZoneGroup(string Region, IReadOnlyList<TimeZoneChoice> Zones);

public sealed record CountryChoice(string Code, string Name);

/// <summary>The choices of the profile form that come from the platform rather than from Gurukul's reference data.</summary>
public static class ProfileChoices
{
    private static readonly Lazy<IReadOnlyList<(string Region, string Id, string Aliases)>> Zones = new(LoadZones);
    private static readonly ConcurrentDictionary<string, IReadOnlyList<CountryChoice>> CountriesByLanguage = new(StringComparer.Ordinal);
    private static volatile LabelledZones? _labelled;

    /// <summary>
    /// The zones of the tz database's zone table (one per place people live, not every historical alias), grouped by region,
    /// each labelled with its offset now. Aliases go along so the browser's name for a zone finds it.
    /// </summary>
    public static IReadOnlyList<TimeZoneGroup> TimeZones(Instant now, string? current)
    {
        // A zone saved through the API may be an alias or a zone outside the table: keep it choosable, never drop it silently.
        if (!string.IsNullOrEmpty(current) && !Zones.Value.Any(z => z.Id == current) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(current) is not null)
        {
            return Grouped([.. Zones.Value, ("Etc", current, "")], now);
        }

        // Every profile page lists the zones (the calendar's picker): labels change at most on the hour, so they are made once an hour.
        var hour = now.ToUnixTimeTicks() / NodaConstants.TicksPerHour;
        var cached = _labelled;
        if (cached is null || cached.Hour != hour)
        {
            cached = new LabelledZones(hour, Grouped(Zones.Value, now));
            _labelled = cached;
        }

        return cached.Groups;
    }

    private static IReadOnlyList<TimeZoneGroup> Grouped(IEnumerable<(string Region, string Id, string Aliases)> zones, Instant now) =>
        [.. zones.GroupBy(z => z.Region).Select(g => new TimeZoneGroup(g.Key, [.. g.Select(z => new TimeZoneChoice(z.Id, Label(z.Id, now), z.Aliases))]))];

    /// <summary>Every country the platform's culture data knows, named in the reader's language, India first.</summary>
    public static IReadOnlyList<CountryChoice> Countries() =>
        CountriesByLanguage.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => LoadCountries());

    /// <summary>
    /// .NET names a region only in its own language (<see cref="RegionInfo.DisplayName"/> of India is भारत whatever the reader
    /// speaks), but a culture's display name is in the reader's language: "ఇంగ్లీష్ (భారతదేశం)". The country is the part in
    /// parentheses of a language-country culture (English where there is one). No script variants, so nothing else is in them.
    /// </summary>
    private static IReadOnlyList<CountryChoice> LoadCountries()
    {
        var countries = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => (Culture: c, Parts: c.Name.Split('-')))
            .Where(c => c.Parts.Length == 2 && c.Parts[1].Length == 2 && c.Parts[1].All(char.IsAsciiLetterUpper))
            .GroupBy(c => c.Parts[1])
            .Select(g => new CountryChoice(g.Key, CountryName((g.FirstOrDefault(c => c.Parts[0] == "en").Culture ?? g.First().Culture).DisplayName, g.Key)))
            .OrderBy(c => c.Code == MentorProfileForm.DefaultCountry ? 0 : 1)
            .ThenBy(c => c.Name, StringComparer.Create(CultureInfo.CurrentUICulture, ignoreCase: true));
        return [.. countries];
    }

    private static string CountryName(string cultureDisplayName, string code)
    {
        var open = cultureDisplayName.LastIndexOf('(');
        return open >= 0 && cultureDisplayName.EndsWith(')') && cultureDisplayName.Length - open > 2
            ? cultureDisplayName[(open + 1)..^1]
            : new RegionInfo(code).EnglishName;
    }

    private static string Label(string id, Instant now)
    {
        var offset = DateTimeZoneProviders.Tzdb[id].GetUtcOffset(now);
        return $"{id.Replace('_', ' ')} (UTC{offset.ToString("+HH:mm", CultureInfo.InvariantCulture)})";
    }

    private static List<(string Region, string Id, string Aliases)> LoadZones()
    {
        var source = TzdbDateTimeZoneSource.Default;
        var aliases = source.Aliases;
        var ids = (source.ZoneLocations ?? []).Select(l => l.ZoneId).Append("UTC").Distinct(StringComparer.Ordinal);
        return [.. ids
            .Select(id => (Region: id.Contains('/', StringComparison.Ordinal) ? id[..id.IndexOf('/', StringComparison.Ordinal)] : "Etc", Id: id,
                Aliases: string.Join(' ', aliases[id])))
            .OrderBy(z => z.Region == "Asia" ? 0 : 1).ThenBy(z => z.Region, StringComparer.Ordinal).ThenBy(z => z.Id, StringComparer.Ordinal)];
    }

    private sealed record LabelledZones(long Hour, IReadOnlyList<TimeZoneGroup> Groups);
}
