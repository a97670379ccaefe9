using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Matching;

/// <summary>
/// The first of scoring's two stages: the database narrows the public mentors who serve the student's level to a
/// candidate pool, ordered by what weighs most in a score (a subject in common, the student's first language, any
/// language in common, the same state, then rating), and only the pool is scored in full (ADR 0015).
/// </summary>
public static class RecommendationCandidates
{
    public static async Task<IReadOnlyList<MentorFacts>> FactsAsync(
        GurukulDbContext db, string studentUserId, StudentFacts student, int pool, CancellationToken cancellationToken)
    {
        var level = student.LevelServed;
        var subjects = student.Subjects.ToList();
        var languages = student.Languages.ToList();
        var primary = student.PrimaryLanguage;
        var state = student.State;
        var hidden = db.Set<MentorPreference>().Where(p => p.StudentUserId == studentUserId && p.IsHidden).Select(p => p.MentorId);

        var ids = await db.MentorProfiles.AsNoTracking()
            .Where(MentorProfile.PublicFilter)
            .Where(m => (m.StudentLevelsServed & level) != 0)
            .Where(m => !hidden.Contains(m.Id))
            .OrderByDescending(m => m.Subjects.Any(s => subjects.Contains(s.SubjectSlug)))
            .ThenByDescending(m => m.Languages.Any(l => l.LanguageCode == primary))
            .ThenByDescending(m => m.Languages.Any(l => languages.Contains(l.LanguageCode)))
            .ThenByDescending(m => m.State == state)
            .ThenByDescending(m => m.RatingAverage)
            .ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(pool)
            .ToListAsync(cancellationToken);

        var rows = await db.MentorProfiles.AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .Select(m => new
            {
                m.Id, m.StudentLevelsServed, m.PrimaryLanguage, m.Headline, m.ExpertiseAreas, m.City, m.State, m.Country, m.TimeZone,
                m.RatingAverage, m.RatingCount, m.ExperienceYears,
                Languages = m.Languages.Select(l => l.LanguageCode).ToList(),
                Subjects = m.Subjects.Select(s => new { s.SubjectSlug, s.Subject!.Name }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return
        [
            .. rows.Select(m => new MentorFacts(
                m.Id, m.StudentLevelsServed, m.PrimaryLanguage,
                new HashSet<string>(m.Languages, StringComparer.Ordinal),
                new HashSet<string>(m.Subjects.Select(s => s.SubjectSlug), StringComparer.Ordinal),
                new HashSet<string>(m.ExpertiseAreas.Append(m.Headline).Concat(m.Subjects.Select(s => s.Name)).SelectMany(MatchWords.Of), StringComparer.Ordinal),
                m.City, m.State, m.Country, m.TimeZone, m.RatingAverage, m.RatingCount, m.ExperienceYears)),
        ];
    }
}
