using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Gurukul.Features.Mentors;
using Gurukul.Platform;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Discovery;

/// <summary>
/// The query string of <c>GET /api/v1/mentors</c> and <c>/facets</c> as sent: every value is text, so that a bad one is
/// answered with a 400 naming its parameter rather than a binding failure.
/// </summary>
public sealed record MentorSearchRequest
{
    [Description("Free text over name, headline, bio, subjects and expertise (at most 200 characters). Every word must match, as the start of a word or, from four letters, as a likely typo.")]
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    [Description("Subject slug, as in GET /api/v1/subjects (jee-main).")]
    [FromQuery(Name = "subject")]
    public string? Subject { get; init; }

    [Description("ISO 639-1 code of a language the mentor teaches in, primary or spoken (te).")]
    [FromQuery(Name = "language")]
    public string? Language { get; init; }

    [Description("school or college.")]
    [FromQuery(Name = "level")]
    public string? Level { get; init; }

    [Description("Lowest average rating, 0 to 5 (4.5).")]
    [FromQuery(Name = "minRating")]
    public string? MinRating { get; init; }

    [Description("Lowest hourly rate in minor units of the mentor's own currency (50000 is ₹500 for a rupee rate).")]
    [FromQuery(Name = "minRate")]
    public string? MinRate { get; init; }

    [Description("Highest hourly rate in minor units of the mentor's own currency.")]
    [FromQuery(Name = "maxRate")]
    public string? MaxRate { get; init; }

    [Description("Only mentors who charge in this ISO 4217 currency (INR). Use it with minRate and maxRate to compare like with like.")]
    [FromQuery(Name = "currency")]
    public string? Currency { get; init; }

    [Description("ISO 3166-1 alpha-2 country (IN).")]
    [FromQuery(Name = "country")]
    public string? Country { get; init; }

    [Description("State, matched without regard to case (Telangana).")]
    [FromQuery(Name = "state")]
    public string? State { get; init; }

    [Description("City, matched without regard to case (Hyderabad).")]
    [FromQuery(Name = "city")]
    public string? City { get; init; }

    [Description("Fewest years of experience, 0 to 50.")]
    [FromQuery(Name = "minExperience")]
    public string? MinExperience { get; init; }

    [Description("Start of a window in which the mentor has a bookable slot starting: 2026-12-01T09:30:00Z, or 2026-12-01 for the whole UTC day. Now by default.")]
    [FromQuery(Name = "availableFrom")]
    public string? AvailableFrom { get; init; }

    [Description("End of that window, exclusive (a date includes its whole day). No end by default.")]
    [FromQuery(Name = "availableTo")]
    public string? AvailableTo { get; init; }

    [Description("relevance (the default with q), rating (the default without), price_asc, price_desc or experience.")]
    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    [Description("Page size, 1 to 100 (20 by default).")]
    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    [Description("nextCursor of the previous page, unchanged.")]
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}

public enum MentorSort
{
    Relevance,
    Rating,
    PriceAsc,
    PriceDesc,
    Experience,
}

/// <summary>What the mentors shown must all be. <see cref="Words"/> are the free text's words (none: no text search).</summary>
public sealed record MentorFilters(
    IReadOnlyList<string> Words, string? Subject, string? Language, StudentLevels? Level, decimal? MinRating,
    long? MinRate, long? MaxRate, string? Currency, string? Country, string? State, string? City, int? MinExperience,
    Instant? AvailableFrom, Instant? AvailableTo)
{
    public static MentorFilters None { get; } = new([], null, null, null, null, null, null, null, null, null, null, null, null, null);
}

/// <summary>A validated search: filters, the order asked for, the page size and where the page starts.</summary>
public sealed partial record MentorSearchQuery(MentorFilters Filters, MentorSort Sort, int Limit, string? Cursor)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxQueryLength = 200;
    public const int MaxPlaceLength = 80;

    private static readonly Dictionary<string, MentorSort> Sorts = new(StringComparer.Ordinal)
    {
        ["relevance"] = MentorSort.Relevance,
        ["rating"] = MentorSort.Rating,
        ["price_asc"] = MentorSort.PriceAsc,
        ["price_desc"] = MentorSort.PriceDesc,
        ["experience"] = MentorSort.Experience,
    };

    /// <summary>Relevance needs words to be relevant to; without them it is the rating order.</summary>
    public MentorSort EffectiveSort => Sort == MentorSort.Relevance && Filters.Words.Count == 0 ? MentorSort.Rating : Sort;

    public static string SortName(MentorSort sort) => Sorts.Single(s => s.Value == sort).Key;

    /// <summary>Checks every parameter and reports all the bad ones at once (400, each under its parameter's name).</summary>
    public static MentorSearchQuery Parse(MentorSearchRequest request, IStringLocalizer<Strings> text)
    {
        var errors = new FieldErrors();
        var q = Clean(request.Q);
        if (q?.Length > MaxQueryLength)
        {
            errors.Add("q", text["search.validation.q", MaxQueryLength]);
        }

        var subject = Lower(request.Subject);
        if (subject is not null && !SlugPattern().IsMatch(subject))
        {
            errors.Add("subject", text["search.validation.subject"]);
        }

        var language = Lower(request.Language);
        if (language is not null && !LanguagePattern().IsMatch(language))
        {
            errors.Add("language", text["search.validation.language"]);
        }

        StudentLevels? level = Lower(request.Level) switch
        {
            null => null,
            "school" => StudentLevels.School,
            "college" => StudentLevels.College,
            _ => Invalid<StudentLevels>(errors, "level", text["search.validation.level"]),
        };

        var minRating = Number(request.MinRating, 0m, 5m, "minRating", text["search.validation.min_rating"], errors);
        var minRate = Number(request.MinRate, 0L, long.MaxValue, "minRate", text["search.validation.rate"], errors);
        var maxRate = Number(request.MaxRate, 0L, long.MaxValue, "maxRate", text["search.validation.rate"], errors);
        if (minRate > maxRate)
        {
            errors.Add("maxRate", text["search.validation.rate_order"]);
        }

        var currency = Clean(request.Currency)?.ToUpperInvariant();
        if (currency is not null && !Money.Currencies.Contains(currency))
        {
            errors.Add("currency", text["search.validation.currency", string.Join(", ", Money.Currencies.Order(StringComparer.Ordinal))]);
        }

        var country = Clean(request.Country)?.ToUpperInvariant();
        if (country is not null && !CountryPattern().IsMatch(country))
        {
            errors.Add("country", text["search.validation.country"]);
        }

        var state = Place(request.State, "state", errors, text);
        var city = Place(request.City, "city", errors, text);
        var minExperience = Number(request.MinExperience, 0, 50, "minExperience", text["search.validation.min_experience"], errors);
        var from = Time(request.AvailableFrom, endOfDay: false, "availableFrom", errors, text);
        var to = Time(request.AvailableTo, endOfDay: true, "availableTo", errors, text);
        // A date as "to" means up to the end of that day, so from 2026-12-08 to 2026-12-08 is one day; an empty window is a mistake.
        if (from >= to)
        {
            errors.Add("availableTo", text["search.validation.window_order"]);
        }

        var sort = Lower(request.Sort) switch
        {
            null => MentorSort.Relevance,
            { } name when Sorts.TryGetValue(name, out var known) => known,
            _ => Invalid<MentorSort>(errors, "sort", text["search.validation.sort"]) ?? MentorSort.Relevance,
        };
        var limit = Number(request.Limit, 1, MaxLimit, "limit", text["validation.limit", MaxLimit], errors) ?? DefaultLimit;
        var cursor = Clean(request.Cursor);
        errors.ThrowIfAny();

        var filters = new MentorFilters(
            SearchWords.Of(q), subject, language, level, minRating, minRate, maxRate, currency, country, state?.ToLowerInvariant(),
            city?.ToLowerInvariant(), minExperience, from, to);
        return new MentorSearchQuery(filters, sort, limit, cursor);
    }

    private static T? Invalid<T>(FieldErrors errors, string field, string message)
        where T : struct
    {
        errors.Add(field, message);
        return null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Lower(string? value) => Clean(value)?.ToLowerInvariant();

    /// <summary>A number written the invariant way (<c>4.5</c>, never <c>4,5</c> or <c>1e3</c>) within [min, max].</summary>
    private static T? Number<T>(string? value, T min, T max, string field, string message, FieldErrors errors)
        where T : struct, INumber<T>
    {
        if (Clean(value) is not { } raw)
        {
            return null;
        }

        if (T.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(field, message);
        return null;
    }

    private static string? Place(string? value, string field, FieldErrors errors, IStringLocalizer<Strings> text)
    {
        var place = Clean(value);
        if (place?.Length > MaxPlaceLength)
        {
            errors.Add(field, text["search.validation.place", MaxPlaceLength]);
        }

        return place;
    }

    /// <summary>An instant (<c>2026-12-01T09:30:00Z</c>), or a whole UTC day (<c>2026-12-01</c>) from its start or to its end.</summary>
    private static Instant? Time(string? value, bool endOfDay, string field, FieldErrors errors, IStringLocalizer<Strings> text)
    {
        if (Clean(value) is not { } raw)
        {
            return null;
        }

        if (InstantPattern.ExtendedIso.Parse(raw) is { Success: true } instant)
        {
            return instant.Value;
        }

        if (LocalDatePattern.Iso.Parse(raw) is { Success: true } date)
        {
            return (endOfDay ? date.Value.PlusDays(1) : date.Value).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        }

        errors.Add(field, text["search.validation.time"]);
        return null;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
