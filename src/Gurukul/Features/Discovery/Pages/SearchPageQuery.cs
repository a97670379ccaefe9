using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Discovery.Pages;

/// <summary>
/// The search page's address: the API's filter names, except that price is one of the rupee bands (<c>price=500_999</c>)
/// as the form offers them, and availability is the "free this week" shortcut (<c>available=week</c>). It is the whole
/// state of the page, so a search can be shared, bookmarked and reloaded.
/// </summary>
public sealed record SearchPageQuery(
    string? Q, string? Subject, string? Language, string? Level, string? MinRating, string? Price, string? State, string? City, string? Sort,
    string? Available)
{
    /// <summary>Four rows of cards at the widest layout.</summary>
    public const int PageSize = 12;

    /// <summary>The one availability shortcut: a bookable slot in the coming seven days.</summary>
    public const string ThisWeek = "week";

    public static SearchPageQuery From(IQueryCollection query) => new(
        Value(query, "q"), Value(query, "subject"), Value(query, "language"), Value(query, "level"), Value(query, "minRating"),
        Value(query, "price"), Value(query, "state"), Value(query, "city"), Value(query, "sort"), Value(query, "available"));

    /// <summary>Whether anything narrows the list (the order does not).</summary>
    public bool Narrows => new[] { Q, Subject, Language, Level, MinRating, Price, State, City, Available }.Any(v => v is not null);

    /// <summary>
    /// The API's request for this page. "Free this week" runs from the start of the current hour for seven days, so the
    /// pages of one search agree with each other within the hour (notice keeps anything already past out anyway).
    /// </summary>
    public MentorSearchRequest ToRequest(IStringLocalizer<Strings> text, Instant now, string? cursor = null, int limit = PageSize)
    {
        var band = PriceBands.Find(Price);
        if (Price is not null && band is null)
        {
            throw new ValidationException("price", text["search.validation.price"]);
        }

        if (Available is not null && Available != ThisWeek)
        {
            throw new ValidationException("available", text["search.validation.available"]);
        }

        var hour = Instant.FromUnixTimeTicks(now.ToUnixTimeTicks() / NodaConstants.TicksPerHour * NodaConstants.TicksPerHour);
        return new MentorSearchRequest
        {
            Q = Q, Subject = Subject, Language = Language, Level = Level, MinRating = MinRating, State = State, City = City, Sort = Sort,
            AvailableFrom = Available is null ? null : InstantPattern.ExtendedIso.Format(hour),
            AvailableTo = Available is null ? null : InstantPattern.ExtendedIso.Format(hour + Duration.FromDays(7)),
            Currency = band is null ? null : PriceBands.Currency,
            MinRate = band?.MinRate?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MaxRate = band?.MaxRate?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Cursor = cursor, Limit = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>This search's query string (only the parameters in use), plus any extra ones.</summary>
    public string QueryString(params (string Name, string? Value)[] extra)
    {
        var parameters = new (string Name, string? Value)[]
        {
            ("q", Q), ("subject", Subject), ("language", Language), ("level", Level), ("minRating", MinRating), ("price", Price),
            ("state", State), ("city", City), ("sort", Sort), ("available", Available),
        }.Concat(extra).Where(p => p.Value is not null);
        return new QueryBuilder(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value!))).ToQueryString().Value ?? "";
    }

    private static string? Value(IQueryCollection query, string name) =>
        query[name].ToString() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
