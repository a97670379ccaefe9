using System.Text.Json.Serialization;
using Gurukul.Features.Mentors;

namespace Gurukul.Features.Discovery;

/// <summary><c>GET /api/v1/mentors</c>: the list shape of API.md plus <c>total</c>, the number of mentors matching in all.</summary>
public sealed record MentorListResponse(IReadOnlyList<MentorResultDto> Items, string? NextCursor, int Total);

/// <summary>
/// A search result: API.md's <c>MentorCard</c> (its fields, not nested) plus <c>matches</c>, why the mentor matched the
/// free text where it was not simply the words typed (empty without <c>q</c>; ADR 0022), and, with <c>priceCurrency</c>,
/// <c>convertedRate</c>, the hourly rate in that currency at the reference rate of <c>convertedAsOf</c> (ADR 0023).
/// </summary>
public sealed record MentorResultDto(
    [property: JsonIgnore] MentorCardDto Card, IReadOnlyList<MatchReasonDto> Matches, MoneyDto? ConvertedRate, string? ConvertedAsOf) : MentorCardDto(Card);

/// <summary>
/// One reason: <c>kind</c> is <c>subject</c> (teaches it), <c>language</c> (teaches in it), <c>term</c> (names it),
/// <c>transliteration</c> or <c>typo</c>; <c>query</c> is what was typed, <c>matched</c> what it matched — the subject's or
/// language's name in the request's language, or the word found — and <c>subject</c>/<c>language</c> its slug or code.
/// </summary>
public sealed record MatchReasonDto(string Kind, string Query, string Matched, string? Subject, string? Language);

/// <summary>
/// <c>GET /api/v1/mentors/facets</c>: for each choice of a filter, how many mentors it would show with the other filters
/// as they are. Subjects, languages and states list only choices with mentors, most first; levels and price bands list
/// all. States (as mentors wrote them) go beyond API.md's list, for a state filter that only offers states with mentors.
/// </summary>
public sealed record MentorFacetsDto(
    IReadOnlyList<FacetCountDto> Subjects, IReadOnlyList<FacetCountDto> Languages, IReadOnlyList<FacetCountDto> Levels,
    IReadOnlyList<PriceBandCountDto> PriceBands, IReadOnlyList<FacetCountDto> States);

/// <summary>A filter value (subject slug, language code, level) with its name in the request's language where it has one.</summary>
public sealed record FacetCountDto(string Value, string? Name, int Count);

/// <summary>
/// A price band: its range as <c>minRate</c>/<c>maxRate</c> in minor units of <c>currency</c> — the request's
/// <c>priceCurrency</c>, rupees by default — to pass back as filters with <c>priceCurrency</c>. Every mentor is counted in
/// one band, their rate converted at the reference rates (ADR 0023).
/// </summary>
public sealed record PriceBandCountDto(string Value, string? Currency, long? MinRate, long? MaxRate, int Count);
