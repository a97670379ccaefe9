using Gurukul.Features.Places;

namespace Gurukul.Features.Matching;

/// <summary>The eight components of a match, each in 0–1 (API.md <c>components</c>).</summary>
public sealed record MatchComponents(
    double LanguageMatch, double AcademicLevel, double FieldExpertise, double LocationContext,
    double CareerGoals, double Rating, double Availability, double Experience)
{
    public double Score(MatchWeights w) => Math.Round(
        w.Language * LanguageMatch + w.AcademicLevel * AcademicLevel + w.Field * FieldExpertise + w.Location * LocationContext
        + w.CareerGoals * CareerGoals + w.Rating * Rating + w.Availability * Availability + w.Experience * Experience, 4);
}

/// <summary>A scored candidate, with the facts its reasons will cite.</summary>
public sealed record MatchResult(MentorFacts Mentor, MatchComponents Components, double Score, IReadOnlyList<string> MatchedSubjects, IReadOnlyList<string> MatchedGoals);

/// <summary>
/// The compatibility of one student with one mentor (issue 5, ADR 0015). Pure: the same facts and weights always give
/// the same score, which is what the ranking property tests rely on.
/// </summary>
public static class MatchScorer
{
    public const string English = "en";

    /// <summary>
    /// Until scheduling lands there is nothing to measure a mentor's free time or responsiveness by: every mentor gets the
    /// same middle value, so the component moves no one up or down (ADR 0015).
    /// </summary>
    public const double AvailabilityUnknown = 0.5;

    /// <summary>Scores and orders the mentors who serve the student's level, best first; ties go to the better rated, then the id.</summary>
    public static IReadOnlyList<MatchResult> Rank(StudentFacts student, IEnumerable<MentorFacts> mentors, MatchWeights weights) =>
    [
        .. mentors.Where(m => m.LevelsServed.HasFlag(student.LevelServed))
            .Select(m => Score(student, m, weights))
            .OrderByDescending(r => r.Score).ThenByDescending(r => r.Mentor.RatingAverage).ThenBy(r => r.Mentor.Id),
    ];

    public static MatchResult Score(StudentFacts student, MentorFacts mentor, MatchWeights weights)
    {
        var matchedSubjects = student.Subjects.Where(mentor.Subjects.Contains).Order(StringComparer.Ordinal).ToList();
        var matchedGoals = student.CareerGoals.Where(goal => MatchWords.Of(goal).Any(mentor.Vocabulary.Contains)).ToList();
        var components = new MatchComponents(
            LanguageMatch(student, mentor),
            AcademicLevel(student, mentor),
            Math.Round(FieldExpertise(student, mentor, matchedSubjects.Count), 4),
            LocationContext(student, mentor),
            student.CareerGoals.Count == 0 ? 0 : Math.Round((double)matchedGoals.Count / student.CareerGoals.Count, 4),
            Math.Round(Rating(mentor), 4),
            AvailabilityUnknown,
            Math.Round(Math.Min(mentor.ExperienceYears, 15) / 15.0, 4));
        return new MatchResult(mentor, components, components.Score(weights), matchedSubjects, matchedGoals);
    }

    /// <summary>Same primary language 1.0; the mentor speaks the student's primary 0.9; another common language 0.7; only English in common 0.6; else 0.2.</summary>
    public static double LanguageMatch(StudentFacts student, MentorFacts mentor)
    {
        if (mentor.PrimaryLanguage == student.PrimaryLanguage)
        {
            return 1.0;
        }

        if (mentor.Languages.Contains(student.PrimaryLanguage))
        {
            return 0.9;
        }

        var common = student.Languages.Where(mentor.Languages.Contains).ToList();
        return common.Any(l => l != English) ? 0.7 : common.Count > 0 ? 0.6 : 0.2;
    }

    /// <summary>A mentor who serves only the student's level knows it best (1.0); one who serves both levels 0.8.</summary>
    public static double AcademicLevel(StudentFacts student, MentorFacts mentor) =>
        !mentor.LevelsServed.HasFlag(student.LevelServed) ? 0 : mentor.LevelsServed == student.LevelServed ? 1.0 : 0.8;

    /// <summary>
    /// The share of the student's subjects the mentor teaches, full marks at three (no one mentor covers a whole
    /// timetable); at least half marks when the mentor's expertise names the student's field.
    /// </summary>
    public static double FieldExpertise(StudentFacts student, MentorFacts mentor, int matchedSubjects)
    {
        var taught = matchedSubjects == 0 ? 0 : Math.Min(1.0, (double)matchedSubjects / Math.Min(student.Subjects.Count, 3));
        var namesTheField = student.FieldWords.Any(mentor.Vocabulary.Contains) ? 0.5 : 0;
        return Math.Max(taught, namesTheField);
    }

    /// <summary>
    /// Same city 1.0, same state 0.7, same time zone 0.4, same country 0.2, else 0. A city is the place its name means in
    /// any spelling or script ("लखनऊ" is Lucknow, "Vizag" Visakhapatnam: ADR 0023), which also settles the state.
    /// </summary>
    public static double LocationContext(StudentFacts student, MentorFacts mentor)
    {
        var sameCountry = string.Equals(student.Country, mentor.Country, StringComparison.OrdinalIgnoreCase);
        var sameState = sameCountry && Same(student.State, mentor.State);
        var sameCity = string.Equals(student.Country, PlaceDirectory.Country, StringComparison.OrdinalIgnoreCase)
            ? sameCountry && PlaceDirectory.India.SameCity(student.City, mentor.City)
            : sameState && Same(student.City, mentor.City);
        if (sameCity)
        {
            return 1.0;
        }


        return sameState ? 0.7 : student.TimeZone == mentor.TimeZone ? 0.4 : sameCountry ? 0.2 : 0;
    }

    /// <summary>
    /// The average out of 5, pulled towards 3.5 by three imaginary ratings so that one 5-star review does not outrank a
    /// hundred 4.8s; a mentor with no ratings yet scores 0.7.
    /// </summary>
    public static double Rating(MentorFacts mentor) =>
        ((double)mentor.RatingAverage * mentor.RatingCount + 3.5 * 3) / (mentor.RatingCount + 3) / 5;

    private static bool Same(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
