using System.Globalization;
using Gurukul.Features.Mentors;
using Gurukul.Features.Profiles;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Matching;

/// <summary>
/// Why a mentor was recommended, in the student's language: one sentence per component that helped, those that helped
/// most first. Built when shown (not when scored), so switching language changes the reasons at once.
/// </summary>
public static class RecommendationReasons
{
    public const int MaxReasons = 4;

    public static IReadOnlyList<string> For(
        StudentProfile student, PublicMentorCard mentor, Recommendation entry, MatchComponents c, MatchWeights w, IStringLocalizer<Strings> text)
    {
        var reasons = new List<(double Weight, string Text)>();
        if (c.LanguageMatch >= 0.9 && LanguageName(mentor, student.PrimaryLanguage) is { } first)
        {
            reasons.Add((w.Language * c.LanguageMatch, text["match.reason.first_language", first]));
        }
        else if (c.LanguageMatch >= 0.7 && mentor.Languages.FirstOrDefault(l => l.Code != MatchScorer.English && student.LanguagesSpoken.Contains(l.Code)) is { } common)
        {
            reasons.Add((w.Language * c.LanguageMatch, text["match.reason.common_language", NameOf(common)]));
        }
        else if (c.LanguageMatch >= 0.6)
        {
            reasons.Add((w.Language * c.LanguageMatch, text["match.reason.english"]));
        }

        var taught = mentor.Subjects.Where(s => entry.MatchedSubjects.Contains(s.Slug)).Select(s => s.Name).Take(3).ToList();
        if (taught.Count > 0)
        {
            reasons.Add((w.Field * c.FieldExpertise, text["match.reason.teaches", string.Join(", ", taught)]));
        }
        else if (c.FieldExpertise > 0)
        {
            reasons.Add((w.Field * c.FieldExpertise, text["match.reason.field", student.FieldOfStudy]));
        }

        if (entry.MatchedGoals.Count > 0)
        {
            reasons.Add((w.CareerGoals * c.CareerGoals, text["match.reason.goal", entry.MatchedGoals[0]]));
        }

        reasons.AddRange(c.LocationContext switch
        {
            >= 1.0 => [(w.Location * c.LocationContext, text["match.reason.same_city", mentor.City ?? student.City])],
            >= 0.7 => [(w.Location * c.LocationContext, text["match.reason.same_state", mentor.State ?? student.State])],
            >= 0.4 => [(w.Location * c.LocationContext, text["match.reason.same_time_zone"])],
            _ => new List<(double, string)>(),
        });

        // Serving the level is required of every recommended mentor; only a mentor who serves nothing else is worth a word.
        if (c.AcademicLevel >= 1.0)
        {
            reasons.Add((w.AcademicLevel * 0.2, text[student.AcademicLevel == AcademicLevel.School ? "match.reason.school_focus" : "match.reason.college_focus"]));
        }

        if (mentor.RatingCount >= 5 && mentor.RatingAverage >= 4.5m)
        {
            reasons.Add((w.Rating * c.Rating, text["match.reason.rating", mentor.RatingAverage.ToString("0.0", CultureInfo.CurrentCulture), mentor.RatingCount]));
        }

        if (mentor.ExperienceYears >= 10)
        {
            reasons.Add((w.Experience * c.Experience, text["match.reason.experience", mentor.ExperienceYears]));
        }

        return [.. reasons.OrderByDescending(r => r.Weight).Take(MaxReasons).Select(r => r.Text)];
    }

    private static string? LanguageName(PublicMentorCard mentor, string code) =>
        mentor.Languages.FirstOrDefault(l => l.Code == code) is { } language ? NameOf(language) : null;

    // English pages name languages in English; Hindi and Telugu pages by the language's own name, as the language menus do.
    private static string NameOf(PublicLanguage language) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? language.EnglishName : language.NativeName;
}
