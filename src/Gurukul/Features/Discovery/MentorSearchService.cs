using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Discovery;

/// <summary>One page of a search: the cards, where the next page starts (null on the last) and how many match in all.</summary>
public sealed record MentorSearchPage(IReadOnlyList<PublicMentorCard> Mentors, string? NextCursor, int Total);

/// <summary>
/// Finding mentors (API.md "Finding mentors"): filters, free text, five orders, keyset pages and facet counts, over
/// approved and active mentors only. The text match is the only provider-specific part (<see cref="MentorTextSearch"/>);
/// the rest is one EF Core query per answer. See docs/adr/0014-mentor-search.md.
/// </summary>
public sealed class MentorSearchService(
    GurukulDbContext db, MentorTextSearch textSearch, SearchCursors cursors, PublicMentorProfiles profiles, IStringLocalizer<Strings> text)
{
    public async Task<MentorSearchPage> SearchAsync(MentorSearchRequest request, CancellationToken cancellationToken)
    {
        var query = MentorSearchQuery.Parse(request, text);
        var sort = query.EffectiveSort;
        var after = query.Cursor is null ? null : cursors.Read(query.Cursor, sort);
        var rows = await RowsAsync(query.Filters, cancellationToken);

        var total = await rows.CountAsync(cancellationToken);
        var page = await SearchOrder.Apply(after is null ? rows : SearchOrder.After(rows, sort, after), sort)
            .Take(query.Limit + 1).ToListAsync(cancellationToken);
        var shown = page.Take(query.Limit).ToList();
        var cards = await profiles.CardsAsync([.. shown.Select(r => r.Id)], cancellationToken);
        return new MentorSearchPage(cards, page.Count > query.Limit ? cursors.Write(sort, shown[^1]) : null, total);
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
        var hits = filters.Words.Count == 0 ? null : textSearch.Hits(await textSearch.PrepareAsync(filters.Words, cancellationToken));
        IQueryable<MentorProfile> Without(MentorFilters narrowed) => WithText(Filtered(narrowed), hits);

        var subjects = await Without(filters with { Subject = null }).SelectMany(m => m.Subjects)
            .GroupBy(s => new { s.SubjectSlug, s.Subject!.Name })
            .Select(g => new FacetCountDto(g.Key.SubjectSlug, g.Key.Name, g.Count()))
            .ToListAsync(cancellationToken);
        var languages = await Without(filters with { Language = null }).SelectMany(m => m.Languages)
            .Join(db.Languages, ml => ml.LanguageCode, l => l.Code, (ml, l) => l)
            .GroupBy(l => new { l.Code, l.EnglishName })
            .Select(g => new FacetCountDto(g.Key.Code, g.Key.EnglishName, g.Count()))
            .ToListAsync(cancellationToken);
        var byLevel = Without(filters with { Level = null });
        var levels = new List<FacetCountDto>();
        foreach (var level in new[] { StudentLevels.School, StudentLevels.College })
        {
            levels.Add(new FacetCountDto(StudentLevelNames.Of(level)[0], null,
                await byLevel.CountAsync(m => (m.StudentLevelsServed & level) != 0, cancellationToken)));
        }

        var bands = await Without(filters with { MinRate = null, MaxRate = null, Currency = null })
            .GroupBy(m => m.HourlyRate.Currency != PriceBands.Currency ? -1
                : m.HourlyRate.AmountMinor < Band1 ? 0 : m.HourlyRate.AmountMinor < Band2 ? 1 : m.HourlyRate.AmountMinor < Band3 ? 2 : 3)
            .Select(g => new { Band = g.Key, Count = g.Count() })
            .ToDictionaryAsync(b => b.Band, b => b.Count, cancellationToken);

        var states = await Without(filters with { State = null, City = null }).Where(m => m.State != null)
            .GroupBy(m => m.State!)
            .Select(g => new FacetCountDto(g.Key, null, g.Count()))
            .ToListAsync(cancellationToken);

        return new MentorFacetsDto(
            [.. subjects.OrderByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.Ordinal)],
            [.. languages.OrderByDescending(l => l.Count).ThenBy(l => l.Name, StringComparer.Ordinal)],
            levels,
            [
                .. PriceBands.All.Select((band, i) => new PriceBandCountDto(band.Key, PriceBands.Currency, band.MinRate, band.MaxRate, bands.GetValueOrDefault(i))),
                new PriceBandCountDto(PriceBands.OtherCurrencies, null, null, null, bands.GetValueOrDefault(-1)),
            ],
            [.. states.OrderByDescending(s => s.Count).ThenBy(s => s.Value, StringComparer.Ordinal)]);
    }

    private static readonly long Band1 = PriceBands.All[1].MinRate!.Value;
    private static readonly long Band2 = PriceBands.All[2].MinRate!.Value;
    private static readonly long Band3 = PriceBands.All[3].MinRate!.Value;

    /// <summary>The matching mentors with their sort keys: joined to the text hits (for the score) when there is text.</summary>
    private async Task<IQueryable<SearchRow>> RowsAsync(MentorFilters filters, CancellationToken cancellationToken)
    {
        var mentors = Filtered(filters);
        if (filters.Words.Count == 0)
        {
            return mentors.Select(m => new SearchRow
            {
                Id = m.Id, Score = 0, Rating = m.RatingAverage, RatingCount = m.RatingCount,
                CurrencyRank = m.HourlyRate.Currency == PriceBands.Currency ? 0 : 1, Currency = m.HourlyRate.Currency,
                Amount = m.HourlyRate.AmountMinor, Experience = m.ExperienceYears,
            });
        }

        var hits = textSearch.Hits(await textSearch.PrepareAsync(filters.Words, cancellationToken));
        return mentors.Join(hits, m => m.Id, h => h.MentorId, (m, h) => new SearchRow
        {
            Id = m.Id, Score = h.Score, Rating = m.RatingAverage, RatingCount = m.RatingCount,
            CurrencyRank = m.HourlyRate.Currency == PriceBands.Currency ? 0 : 1, Currency = m.HourlyRate.Currency,
            Amount = m.HourlyRate.AmountMinor, Experience = m.ExperienceYears,
        });
    }

    private static IQueryable<MentorProfile> WithText(IQueryable<MentorProfile> mentors, IQueryable<TextHit>? hits) =>
        hits is null ? mentors : mentors.Where(m => hits.Select(h => h.MentorId).Contains(m.Id));

    /// <summary>
    /// Approved, active mentors narrowed by every filter but the text. availableFrom/availableTo are validated but do
    /// not narrow anything yet: nobody has slots until scheduling exists (ADR 0014).
    /// </summary>
    private IQueryable<MentorProfile> Filtered(MentorFilters f)
    {
        var mentors = db.MentorProfiles.AsNoTracking().Where(MentorProfile.PublicFilter);
        if (f.Subject is { } subject)
        {
            mentors = mentors.Where(m => m.Subjects.Any(s => s.SubjectSlug == subject));
        }

        if (f.Language is { } language)
        {
            // The primary language is always one of the mentor's languages (MentorProfileService keeps it so).
            mentors = mentors.Where(m => m.Languages.Any(l => l.LanguageCode == language));
        }

        if (f.Level is { } level)
        {
            mentors = mentors.Where(m => (m.StudentLevelsServed & level) != 0);
        }

        if (f.MinRating is { } minRating)
        {
            mentors = mentors.Where(m => m.RatingAverage >= minRating);
        }

        if (f.MinRate is { } minRate)
        {
            mentors = mentors.Where(m => m.HourlyRate.AmountMinor >= minRate);
        }

        if (f.MaxRate is { } maxRate)
        {
            mentors = mentors.Where(m => m.HourlyRate.AmountMinor <= maxRate);
        }

        if (f.Currency is { } currency)
        {
            mentors = mentors.Where(m => m.HourlyRate.Currency == currency);
        }

        if (f.Country is { } country)
        {
            mentors = mentors.Where(m => m.Country == country);
        }

        // Places are free text on profiles: matched without regard to case (the filter values arrive lower-cased).
#pragma warning disable CA1862, CA1304, CA1311
        if (f.State is { } state)
        {
            mentors = mentors.Where(m => m.State!.ToLower() == state);
        }

        if (f.City is { } city)
        {
            mentors = mentors.Where(m => m.City!.ToLower() == city);
        }
#pragma warning restore CA1862, CA1304, CA1311

        if (f.MinExperience is { } minExperience)
        {
            mentors = mentors.Where(m => m.ExperienceYears >= minExperience);
        }

        return mentors;
    }
}
