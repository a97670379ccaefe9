using Gurukul.Platform;
using Gurukul.Features.Matching;
using Gurukul.Features.Reference;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Mentors;

/// <summary>A mentor's own profile: read it, create or replace it. Verification is a separate workflow.</summary>
public sealed class MentorProfileService(
    GurukulDbContext db, ReferenceService reference, RecommendationInvalidation recommendations, IClock clock, IStringLocalizer<Strings> text)
{
    /// <summary>₹1,00,000 (or 1,000 USD) an hour: above this a rate is a typo, not a price.</summary>
    public const long MaxHourlyRateMinor = 10_000_000;

    public async Task<MentorProfileDto> GetAsync(string userId, CancellationToken cancellationToken) =>
        ToDto(await Profiles().AsNoTracking().SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken)
            ?? throw new NotFoundException(text["profile.mentor.none"]));

    public async Task<MentorProfileDto> SaveAsync(string userId, MentorProfileRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var rules = new FieldRules(errors, text);
        var (languages, subjectSlugs, _) = await reference.KnownCodesAsync(cancellationToken);

        rules.Text("headline", request.Headline, 160, required: true);
        rules.Text("bio", request.Bio, 4000, required: true);
        rules.Text("company", request.Company, 120, required: false);
        rules.Text("university", request.University, 160, required: false);
        if (request.ExperienceYears is not (>= 0 and <= 50))
        {
            errors.Add("experienceYears", text["profile.experience_years"]);
        }

        var expertise = rules.List("expertiseAreas", request.ExpertiseAreas);
        var subjects = rules.KnownCodes("subjects", request.Subjects, subjectSlugs, "profile.subject_unknown");
        if (subjects.Count == 0 && !errors.Has("subjects"))
        {
            errors.Add("subjects", text["profile.subjects_required"]);
        }

        var levels = StudentLevels.None;
        foreach (var level in request.StudentLevelsServed ?? [])
        {
            levels |= level?.Trim().ToLowerInvariant() switch
            {
                "school" => StudentLevels.School,
                "college" => StudentLevels.College,
                _ => StudentLevels.None,
            };
        }

        if (levels == StudentLevels.None || (request.StudentLevelsServed ?? []).Any(l => l?.Trim().ToLowerInvariant() is not ("school" or "college")))
        {
            errors.Add("studentLevelsServed", text["profile.levels"]);
        }

        if (request.HourlyRate?.AmountMinor is not (> 0 and <= MaxHourlyRateMinor))
        {
            errors.Add("hourlyRate.amountMinor", text["profile.rate_amount"]);
        }

        var currency = request.HourlyRate?.Currency?.Trim().ToUpperInvariant();
        if (currency is null || !Money.Currencies.Contains(currency))
        {
            errors.Add("hourlyRate.currency", text["profile.rate_currency", string.Join(", ", Money.Currencies.Order(StringComparer.Ordinal))]);
        }

        var primary = request.PrimaryLanguage?.Trim().ToLowerInvariant();
        if (primary is null || !languages.Contains(primary))
        {
            errors.Add("primaryLanguage", text["profile.language_unknown"]);
        }

        var spoken = rules.KnownCodes("languagesSpoken", request.LanguagesSpoken, languages, "profile.language_unknown");
        var timeZone = rules.TimeZone("timezone", request.Timezone);
        rules.Text("city", request.City, 80, required: false);
        rules.Text("state", request.State, 80, required: false);
        var country = rules.Country("country", request.Country);
        errors.ThrowIfAny();

        var now = clock.GetCurrentInstant();
        var profile = await Profiles().SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        if (profile is null)
        {
            var name = await db.Users.Where(u => u.Id == userId).Select(u => u.Name).SingleAsync(cancellationToken);
            profile = new MentorProfile
            {
                UserId = userId,
                Slug = await UniqueSlugAsync(Slugs.From(name), cancellationToken),
                Headline = "", Bio = "", HourlyRate = new Money(0, currency!), PrimaryLanguage = primary!, TimeZone = timeZone!, Country = country!,
                CreatedAt = now,
            };
            db.MentorProfiles.Add(profile);
        }

        profile.Headline = request.Headline!.Trim();
        profile.Bio = request.Bio!.Trim();
        profile.Company = Clean(request.Company);
        profile.University = Clean(request.University);
        profile.ExperienceYears = request.ExperienceYears!.Value;
        profile.ExpertiseAreas = expertise;
        profile.StudentLevelsServed = levels;
        profile.HourlyRate = new Money(request.HourlyRate!.AmountMinor!.Value, currency!);
        profile.PrimaryLanguage = primary!;
        profile.TimeZone = timeZone!;
        profile.City = Clean(request.City);
        profile.State = Clean(request.State);
        profile.Country = country!;
        profile.UpdatedAt = now;
        // The primary language is always one the mentor teaches in.
        Replace(profile.Languages, [.. new[] { primary! }.Concat(spoken).Distinct(StringComparer.Ordinal)], l => l.LanguageCode, code => new MentorLanguage { LanguageCode = code });
        Replace(profile.Subjects, subjects, s => s.SubjectSlug, slug => new MentorSubject { SubjectSlug = slug });
        if (profile.IsPublic)
        {
            // Students see an approved mentor's edits at once (ADR 0013), so their recommendations must follow.
            recommendations.MentorChanged(profile.Id);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The application moved on (submitted, or a reviewer acted) between reading the profile and saving it.
            throw new ConflictException(text["profile.changed_meanwhile"]);
        }
        catch (DbUpdateException)
        {
            // Two mentors with the same name created their profiles at the same moment; the unique slug index decided.
            throw new ConflictException(text["profile.slug_race"]);
        }

        return ToDto(profile);
    }

    /// <summary>
    /// Gives the mentor a new public address. The old one keeps redirecting and is never handed to another mentor;
    /// the mentor may take back one of their own old addresses.
    /// </summary>
    public async Task<MentorSlugDto> ChangeSlugAsync(string userId, MentorSlugRequest request, CancellationToken cancellationToken)
    {
        var slug = request.Slug?.Trim().ToLowerInvariant();
        if (Slugs.ProblemWithChoice(slug) is { } problem)
        {
            throw new ValidationException("slug", text[problem, Slugs.MinChosenLength, Slugs.MaxChosenLength]);
        }

        var profile = await db.MentorProfiles.SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken)
            ?? throw new NotFoundException(text["profile.mentor.none"]);
        if (slug == profile.Slug)
        {
            return new MentorSlugDto(profile.Slug);
        }

        var redirects = db.Set<MentorSlugRedirect>();
        var holders = db.MentorProfiles.Where(m => m.Slug == slug).Select(m => m.Id).Concat(redirects.Where(r => r.Slug == slug).Select(r => r.MentorId));
        if (await holders.AnyAsync(id => id != profile.Id, cancellationToken))
        {
            throw new ConflictException(text["mentorprofile.slug.taken"]);
        }

        var own = await redirects.Where(r => r.MentorId == profile.Id).ToListAsync(cancellationToken);
        var kept = own.ToList();
        redirects.Add(profile.ChangeSlug(slug!, kept, clock.GetCurrentInstant())!);
        redirects.RemoveRange(own.Except(kept));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another mentor claimed the same address a moment earlier; the unique indexes decided.
            throw new ConflictException(text["mentorprofile.slug.taken"]);
        }

        return new MentorSlugDto(profile.Slug);
    }

    private IQueryable<MentorProfile> Profiles() =>
        db.MentorProfiles.Include(m => m.Subjects).Include(m => m.Languages);

    /// <summary>Changes a join collection by difference, so unchanged rows stay as they are.</summary>
    private static void Replace<T>(List<T> current, List<string> wanted, Func<T, string> key, Func<string, T> create)
    {
        current.RemoveAll(item => !wanted.Contains(key(item)));
        current.AddRange(wanted.Where(code => !current.Exists(item => key(item) == code)).Select(create));
    }

    private async Task<string> UniqueSlugAsync(string baseSlug, CancellationToken cancellationToken)
    {
        // Retired slugs count as taken: an old address keeps pointing at its mentor and is never handed to someone else.
        var taken = await db.MentorProfiles.Where(m => m.Slug == baseSlug || m.Slug.StartsWith(baseSlug + "-")).Select(m => m.Slug)
            .Concat(db.Set<MentorSlugRedirect>().Where(r => r.Slug == baseSlug || r.Slug.StartsWith(baseSlug + "-")).Select(r => r.Slug))
            .ToListAsync(cancellationToken);
        return Slugs.Unique(baseSlug, taken.Contains);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static MentorProfileDto ToDto(MentorProfile m) => new(
        m.Id.ToString(), m.Headline, m.Bio, m.Company, m.University, m.ExperienceYears, m.ExpertiseAreas,
        [.. m.Subjects.Select(s => s.SubjectSlug).Order(StringComparer.Ordinal)],
        StudentLevelNames.Of(m.StudentLevelsServed),
        MoneyDto.From(m.HourlyRate), m.PrimaryLanguage,
        [.. m.Languages.Select(l => l.LanguageCode).OrderBy(code => code == m.PrimaryLanguage ? 0 : 1).ThenBy(code => code, StringComparer.Ordinal)],
        m.TimeZone, m.City, m.State, m.Country, m.Slug, SnakeCaseNames.ToSnakeCase(m.VerificationStatus.ToString()));
}
