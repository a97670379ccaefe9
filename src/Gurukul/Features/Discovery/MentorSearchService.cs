using Gurukul.Features.Mentors;
using Gurukul.Features.Scheduling;
using Gurukul.Platform.Data;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Discovery;

/// <summary>One page of a search: the cards, where the next page starts (null on the last) and how many match in all.</summary>
public sealed record MentorSearchPage(IReadOnlyList<PublicMentorCard> Mentors, string? NextCursor, int Total);

/// <summary>
/// Finding mentors (API.md "Finding mentors"): filters, free text, five orders, keyset pages and facet counts, over
/// approved and active mentors only. Free text is matched by the database (<see cref="MentorTextSearch"/>, its answers
/// cached by <see cref="TextHitCache"/>); filters, totals, orders, pages, facets and the cards themselves come from this
/// node's <see cref="MentorSearchIndex"/>, brought up to date with the database on every request.
/// See docs/adr/0014-mentor-search.md.
/// </summary>
public sealed class MentorSearchService(
    GurukulDbContext db, MentorSearchIndex index, TextHitCache textCache, MentorTextSearch textSearch, SearchCursors cursors,
    AvailabilityIndex availability, ITakenTimeSource takenTime, IClock clock, IStringLocalizer<Strings> text)
{
    /// <summary>An open-ended availability window reaches past every horizon (at most 365 days).</summary>
    private static readonly Duration OpenEnded = Duration.FromDays(400);

    public async Task<MentorSearchPage> SearchAsync(MentorSearchRequest request, CancellationToken cancellationToken)
    {
        var query = MentorSearchQuery.Parse(request, text);
        var sort = query.EffectiveSort;
        var after = query.Cursor is null ? null : cursors.Read(query.Cursor, sort);
        var (snapshot, matches, available) = await MatchAsync(query.Filters, cancellationToken);
        var filtered = new SearchFilter(snapshot, query.Filters, matches, available).Without(SearchFacet.None);

        var page = sort == MentorSort.Relevance
            ? SearchOrder.Page(snapshot, filtered, matches!.ByRelevance, matches.Scores, sort, after, query.Limit + 1)
            : SearchOrder.Page(snapshot, filtered, snapshot.Order(sort), null, sort, after, query.Limit + 1);
        var shown = page.Take(query.Limit).ToList();
        var cards = shown.Select(r => snapshot.Card(r.Position)).ToList();
        var next = page.Count > query.Limit ? cursors.Write(sort, snapshot.Row(shown[^1].Position, shown[^1].Score)) : null;
        return new MentorSearchPage(cards, next, filtered.Count());
    }

    /// <summary>
    /// How many mentors each choice of subject, language, level, price band and state would show. Each facet is counted with
    /// every other filter applied but not its own ("disjunctive" facets), so a visitor who picked Telugu still sees how
    /// many mentors each other language has, and can switch without first clearing the filter.
    /// </summary>
    public async Task<MentorFacetsDto> FacetsAsync(MentorSearchRequest request, CancellationToken cancellationToken)
    {
        // Order and paging do not apply to counts; a bad value there is not this answer's concern.
        var filters = MentorSearchQuery.Parse(request with { Sort = null, Limit = null, Cursor = null }, text).Filters;
        var (snapshot, matches, available) = await MatchAsync(filters, cancellationToken);
        var filter = new SearchFilter(snapshot, filters, matches, available);

        var bySubject = filter.Without(SearchFacet.Subject);
        var subjects = Counts(snapshot.BySubject, bySubject, slug => snapshot.Names.Subjects.GetValueOrDefault(slug)?.Name);
        var byLanguage = filter.Without(SearchFacet.Language);
        var languages = Counts(snapshot.ByLanguage, byLanguage, code => snapshot.Names.Languages.GetValueOrDefault(code)?.EnglishName);
        var byLevel = filter.Without(SearchFacet.Level);
        var byPrice = filter.Without(SearchFacet.Price);
        var byPlace = filter.Without(SearchFacet.Place);
        var states = snapshot.ByState.Select(s => new FacetCountDto(s.Key, null, byPlace.CountWith(s.Value))).Where(s => s.Count > 0);

        return new MentorFacetsDto(
            [.. subjects.OrderByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.Ordinal)],
            [.. languages.OrderByDescending(l => l.Count).ThenBy(l => l.Name, StringComparer.Ordinal)],
            [
                new FacetCountDto(StudentLevelNames.Of(StudentLevels.School)[0], null, byLevel.CountWith(snapshot.School)),
                new FacetCountDto(StudentLevelNames.Of(StudentLevels.College)[0], null, byLevel.CountWith(snapshot.College)),
            ],
            [
                .. PriceBands.All.Select((band, i) => new PriceBandCountDto(band.Key, PriceBands.Currency, band.MinRate, band.MaxRate, byPrice.CountWith(snapshot.Bands[i]))),
                new PriceBandCountDto(PriceBands.OtherCurrencies, null, null, null, byPrice.CountWith(snapshot.Bands[SearchSnapshot.OtherCurrenciesBand])),
            ],
            [.. states.OrderByDescending(s => s.Count).ThenBy(s => s.Value, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The current snapshot, the free text's matches in it, and, for an availability window, who has a bookable start in it
    /// (from the precomputed <see cref="AvailabilityIndex"/>, never by computing slots here).
    /// </summary>
    private async Task<(SearchSnapshot Snapshot, TextMatches? Matches, AvailabilityWindow? Available)> MatchAsync(
        MentorFilters filters, CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(db, cancellationToken);
        var matches = filters.Words.Count == 0 ? null : await textCache.MatchAsync(snapshot, filters.Words, textSearch, cancellationToken);
        AvailabilityWindow? available = null;
        if (filters.AvailableFrom is not null || filters.AvailableTo is not null)
        {
            var from = filters.AvailableFrom ?? clock.GetCurrentInstant();
            available = await availability.WindowAsync(
                db, takenTime, snapshot.Ids, from, filters.AvailableTo ?? from + OpenEnded, cancellationToken);
        }

        return (snapshot, matches, available);
    }

    /// <summary>The choices with at least one mentor, named from the reference data (a choice it lacks is left out, as a join would).</summary>
    private static IEnumerable<FacetCountDto> Counts(IReadOnlyDictionary<string, SearchBits> choices, SearchBits matching, Func<string, string?> name) =>
        choices.Select(c => (c.Key, Name: name(c.Key), Count: matching.CountWith(c.Value)))
            .Where(c => c.Count > 0 && c.Name is not null)
            .Select(c => new FacetCountDto(c.Key, c.Name, c.Count));
}
