using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Mentors;

/// <summary>Read side of the mentor marketplace used by the home page.</summary>
public sealed class MentorsService(GurukulDbContext db)
{
    private IQueryable<MentorProfile> Visible =>
        db.MentorProfiles.AsNoTracking().Where(MentorProfile.PublicFilter);

    /// <summary>Live figures for the home page: verified mentors, the subjects they teach and the languages they teach in.</summary>
    public async Task<MarketplaceFigures> GetFiguresAsync(CancellationToken cancellationToken)
    {
        var mentors = await Visible.CountAsync(cancellationToken);
        var subjects = await Visible.SelectMany(m => m.Subjects)
            .GroupBy(s => new { s.SubjectSlug, s.Subject!.Name })
            .Select(g => new SubjectCount(g.Key.SubjectSlug, g.Key.Name, g.Count()))
            .ToListAsync(cancellationToken);
        var languages = await Visible.SelectMany(m => m.Languages)
            .Join(db.Languages, ml => ml.LanguageCode, l => l.Code, (ml, l) => l)
            .GroupBy(l => new { l.Code, l.NativeName, l.EnglishName })
            .Select(g => new LanguageCount(g.Key.Code, g.Key.NativeName, g.Key.EnglishName, g.Count()))
            .ToListAsync(cancellationToken);
        return new MarketplaceFigures(
            mentors,
            [.. subjects.OrderByDescending(s => s.Mentors).ThenBy(s => s.Name, StringComparer.Ordinal)],
            [.. languages.OrderByDescending(l => l.Mentors).ThenBy(l => l.EnglishName, StringComparer.Ordinal)]);
    }
}

public sealed record MarketplaceFigures(int Mentors, IReadOnlyList<SubjectCount> Subjects, IReadOnlyList<LanguageCount> Languages);

public sealed record SubjectCount(string Slug, string Name, int Mentors);

public sealed record LanguageCount(string Code, string NativeName, string EnglishName, int Mentors);
