using Gurukul.Platform;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Mentors;

/// <summary>
/// The public face of one mentor: what <c>/mentors/{slug}</c> and <c>GET /api/v1/mentors/{idOrSlug}</c> show.
/// Only approved, active mentors exist here; for anyone else the answer is the same as for a name never used.
/// </summary>
public sealed class PublicMentorProfiles(GurukulDbContext db)
{
    /// <summary>
    /// Finds a public mentor by id or by slug, current or retired. One query when the address is current (the usual case),
    /// a second only when it is not. <see cref="PublicProfileLookup.CanonicalSlug"/> differs from what was asked when the
    /// caller should be sent to the current address.
    /// </summary>
    public async Task<PublicProfileLookup?> FindAsync(string idOrSlug, CancellationToken cancellationToken)
    {
        var found = await FindAsync(idOrSlug, Project, p => p.Slug, cancellationToken);
        return found is null ? null : new PublicProfileLookup(found.Value.Found, found.Value.CanonicalSlug, found.Value.ById);
    }

    /// <summary>
    /// The same lookup for callers that need only a few columns of the mentor (the slot engine: id, slug and zone), in one
    /// query when the address is current. <c>Found</c> is null when the address was a retired slug.
    /// </summary>
    public async Task<(T? Found, string CanonicalSlug, bool ById)?> FindAsync<T>(
        string idOrSlug, Func<IQueryable<MentorProfile>, IQueryable<T>> project, Func<T, string> slugOf, CancellationToken cancellationToken)
        where T : class
    {
        var visible = db.MentorProfiles.AsNoTracking().Where(MentorProfile.PublicFilter);
        if (Guid.TryParse(idOrSlug, out var id))
        {
            var byId = await project(visible.Where(m => m.Id == id)).SingleOrDefaultAsync(cancellationToken);
            return byId is null ? null : (byId, slugOf(byId), true);
        }

        // Slugs are stored in lower case; a link typed or shared in another case still finds its mentor (then redirects).
        var slug = idOrSlug.Trim().ToLowerInvariant();
        if (slug.Length is 0 or > 120)
        {
            return null;
        }

        var profile = await project(visible.Where(m => m.Slug == slug)).SingleOrDefaultAsync(cancellationToken);
        if (profile is not null)
        {
            return (profile, slugOf(profile), false);
        }

        var current = await db.Set<MentorSlugRedirect>().AsNoTracking()
            .Where(r => r.Slug == slug)
            .Join(visible, r => r.MentorId, m => m.Id, (r, m) => m.Slug)
            .SingleOrDefaultAsync(cancellationToken);
        return current is null ? null : (null, current, false);
    }

    /// <summary>
    /// The cards of these mentors, in the order given, leaving out any that are not (or no longer) public: three queries
    /// (profiles, subjects, languages), whatever the number of cards. Split because one query joining both collections
    /// returns a row per subject and language pair of every mentor, and search asks for a page of cards on every request.
    /// </summary>
    public async Task<IReadOnlyList<PublicMentorCard>> CardsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var profiles = await Project(db.MentorProfiles.AsNoTracking().Where(MentorProfile.PublicFilter).Where(m => ids.Contains(m.Id)))
            .AsSplitQuery()
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        return [.. ids.Where(profiles.ContainsKey).Select(id => profiles[id].Card)];
    }

    private IQueryable<PublicMentorProfile> Project(IQueryable<MentorProfile> mentors) => mentors.Select(m => new PublicMentorProfile(
        m.Id, m.Slug, m.User!.Name, m.User.PhotoKey, m.Headline, m.Bio, m.Company, m.University, m.ExperienceYears,
        m.ExpertiseAreas, m.StudentLevelsServed, m.HourlyRate, m.RatingAverage, m.RatingCount, m.SessionsCompleted,
        m.PrimaryLanguage, m.TimeZone, m.City, m.State, m.Country,
        m.Subjects.Join(db.SubjectCategories, s => s.Subject!.CategorySlug, c => c.Slug,
            (s, c) => new PublicSubject(s.SubjectSlug, s.Subject!.Name, c.Name, c.SortOrder)).ToList(),
        m.Languages.Join(db.Languages, ml => ml.LanguageCode, l => l.Code, (ml, l) => new PublicLanguage(l.Code, l.EnglishName, l.NativeName)).ToList()));
}

/// <summary>
/// A public mentor found by some address. <see cref="Profile"/> is null when the address was a retired slug: then only
/// <see cref="CanonicalSlug"/>, the current one, is known, and the caller redirects to it.
/// </summary>
public sealed record PublicProfileLookup(PublicMentorProfile? Profile, string CanonicalSlug, bool ById)
{
    /// <summary>Whether a page asked for as <paramref name="requested"/> should send the browser to the canonical address.</summary>
    public bool PageMoved(string requested) => Profile is null || requested != CanonicalSlug;
}

/// <summary>What a list of mentors shows of each (API.md's <c>MentorCard</c>), with names from the reference data.</summary>
public sealed record PublicMentorCard(
    Guid Id, string Slug, string Name, string? PhotoKey, string Headline, int ExperienceYears, Money HourlyRate, decimal RatingAverage, int RatingCount,
    string PrimaryLanguageCode, string? City, string? State, string Country, List<PublicSubject> SubjectsUnordered, List<PublicLanguage> LanguagesUnordered)
{
    /// <summary>Subjects in taxonomy order: by category as the taxonomy lists them, then by name.</summary>
    public IEnumerable<PublicSubject> Subjects => InTaxonomyOrder(SubjectsUnordered);

    /// <summary>The primary language first, then the others by English name.</summary>
    public IEnumerable<PublicLanguage> Languages => PrimaryFirst(LanguagesUnordered, PrimaryLanguageCode);

    public string? PhotoPath => PhotoPathOf(PhotoKey);

    public static IEnumerable<PublicSubject> InTaxonomyOrder(IEnumerable<PublicSubject> subjects) =>
        subjects.OrderBy(s => s.CategorySortOrder).ThenBy(s => s.Name, StringComparer.Ordinal);

    public static IEnumerable<PublicLanguage> PrimaryFirst(IEnumerable<PublicLanguage> languages, string primary) =>
        languages.OrderBy(l => l.Code == primary ? 0 : 1).ThenBy(l => l.EnglishName, StringComparer.Ordinal);

    public static string? PhotoPathOf(string? photoKey) =>
        Platform.Storage.PublicFiles.IsPublic(photoKey) ? Platform.Storage.PublicFiles.Url(photoKey!) : null;
}

/// <summary>Everything the public may know about a mentor, with names from the reference data.</summary>
public sealed record PublicMentorProfile(
    Guid Id, string Slug, string Name, string? PhotoKey, string Headline, string Bio, string? Company, string? University, int ExperienceYears,
    List<string> ExpertiseAreas, StudentLevels StudentLevelsServed, Money HourlyRate, decimal RatingAverage, int RatingCount, int SessionsCompleted,
    string PrimaryLanguageCode, string TimeZone, string? City, string? State, string Country,
    List<PublicSubject> SubjectsUnordered, List<PublicLanguage> LanguagesUnordered)
{
    /// <summary>The same mentor as a list shows them.</summary>
    public PublicMentorCard Card => new(
        Id, Slug, Name, PhotoKey, Headline, ExperienceYears, HourlyRate, RatingAverage, RatingCount, PrimaryLanguageCode, City, State, Country,
        SubjectsUnordered, LanguagesUnordered);

    public IEnumerable<PublicSubject> Subjects => PublicMentorCard.InTaxonomyOrder(SubjectsUnordered);

    public IEnumerable<PublicLanguage> Languages => PublicMentorCard.PrimaryFirst(LanguagesUnordered, PrimaryLanguageCode);

    public PublicLanguage? PrimaryLanguage => LanguagesUnordered.Find(l => l.Code == PrimaryLanguageCode);

    public IReadOnlyList<string> LevelsServed => StudentLevelNames.Of(StudentLevelsServed);

    public string? PhotoPath => PublicMentorCard.PhotoPathOf(PhotoKey);
}

public sealed record PublicSubject(string Slug, string Name, string CategoryName, int CategorySortOrder);

public sealed record PublicLanguage(string Code, string EnglishName, string NativeName);
