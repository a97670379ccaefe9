using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Discovery;

/// <summary>
/// What the search index keeps of one public mentor: every value a filter, a facet or an order reads, and the rest of
/// their card (slug, name, photo, headline, first language), so a page of results needs no database read. Subject and
/// language names are not kept here but in the snapshot's <see cref="SearchNames"/>: renaming one moves the clock
/// without naming a mentor.
/// </summary>
public sealed record SearchEntry(
    Guid Id, decimal Rating, int RatingCount, long Amount, string Currency, int Experience, StudentLevels Levels,
    string Country, string? State, string? City, IReadOnlyList<string> Subjects, IReadOnlyList<string> Languages,
    string Slug, string Name, string? PhotoKey, string Headline, string PrimaryLanguage)
{
    /// <summary>
    /// The public mentors among <paramref name="ids"/> (all of them when null). Three flat queries rather than one with
    /// two nested collections: at 100,000 mentors the nested form multiplies rows and takes several times longer.
    /// A mentor asked for but missing from the answer is no longer public (or gone). The card's fields cost about 40 MB at
    /// 100,000 mentors (ADR 0014).
    /// </summary>
    public static async Task<List<SearchEntry>> LoadAsync(GurukulDbContext db, IReadOnlyCollection<Guid>? ids, CancellationToken cancellationToken)
    {
        var mentors = db.MentorProfiles.AsNoTracking().Where(MentorProfile.PublicFilter);
        var subjects = db.Set<MentorSubject>().AsNoTracking();
        var languages = db.Set<MentorLanguage>().AsNoTracking();
        if (ids is not null)
        {
            mentors = mentors.Where(m => ids.Contains(m.Id));
            subjects = subjects.Where(s => ids.Contains(s.MentorId));
            languages = languages.Where(l => ids.Contains(l.MentorId));
        }

        var rows = await mentors.Select(m => new
        {
            m.Id, m.RatingAverage, m.RatingCount, m.HourlyRate.AmountMinor, m.HourlyRate.Currency, m.ExperienceYears,
            m.StudentLevelsServed, m.Country, m.State, m.City, m.Slug, m.User!.Name, m.User.PhotoKey, m.Headline, m.PrimaryLanguage,
        }).ToListAsync(cancellationToken);
        var subjectsOf = (await subjects.Select(s => new { s.MentorId, s.SubjectSlug }).ToListAsync(cancellationToken))
            .ToLookup(s => s.MentorId, s => string.Intern(s.SubjectSlug));
        var languagesOf = (await languages.Select(l => new { l.MentorId, l.LanguageCode }).ToListAsync(cancellationToken))
            .ToLookup(l => l.MentorId, l => string.Intern(l.LanguageCode));

        // Interned: 100,000 mentors share a few dozen currencies, countries, states and cities.
        return [.. rows.Select(m => new SearchEntry(
            m.Id, m.RatingAverage, m.RatingCount, m.AmountMinor, string.Intern(m.Currency), m.ExperienceYears, m.StudentLevelsServed,
            string.Intern(m.Country), m.State is null ? null : string.Intern(m.State), m.City is null ? null : string.Intern(m.City),
            [.. subjectsOf[m.Id]], [.. languagesOf[m.Id]], m.Slug, m.Name, m.PhotoKey, m.Headline, string.Intern(m.PrimaryLanguage)))];
    }
}
