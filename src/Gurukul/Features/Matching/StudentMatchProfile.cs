using Gurukul.Features.Profiles;

namespace Gurukul.Features.Matching;

/// <summary>Reads a student's profile as the facts scoring compares.</summary>
public static class StudentMatchProfile
{
    /// <summary>The facts of <paramref name="profile"/>; <paramref name="subjectNames"/> (the taxonomy, slug → name) finds the subjects a field of study names.</summary>
    public static StudentFacts Facts(StudentProfile profile, IReadOnlyDictionary<string, string> subjectNames)
    {
        var fieldText = string.Join(' ', new[] { profile.FieldOfStudy, profile.Major, profile.Minor, profile.Stream }.Where(t => !string.IsNullOrWhiteSpace(t)));
        var subjects = new HashSet<string>(profile.Subjects, StringComparer.Ordinal);
        subjects.UnionWith(SubjectsNamedIn(fieldText, subjectNames));
        return new StudentFacts(
            profile.AcademicLevel,
            profile.PrimaryLanguage,
            new HashSet<string>(profile.LanguagesSpoken.Append(profile.PrimaryLanguage), StringComparer.Ordinal),
            subjects,
            [.. MatchWords.Of(fieldText).Distinct(StringComparer.Ordinal)],
            profile.CareerGoals,
            profile.City,
            profile.State,
            profile.Country,
            profile.TimeZone);
    }

    /// <summary>
    /// Subjects whose whole name appears in the field text ("B.Tech Computer Science" names Computer Science), or whose name
    /// contains the whole field ("Engineering" names every engineering subject): a college student's major counts as
    /// their subjects.
    /// </summary>
    public static IEnumerable<string> SubjectsNamedIn(string fieldText, IReadOnlyDictionary<string, string> subjectNames)
    {
        var field = Words(fieldText);
        if (field.Count == 0)
        {
            return [];
        }

        return subjectNames.Where(s => Words(s.Value) is { Count: > 0 } name && (Contains(field, name) || Contains(name, field))).Select(s => s.Key);
    }

    private static List<string> Words(string text) => [.. MatchWords.Of(text)];

    private static bool Contains(List<string> text, List<string> phrase)
    {
        for (var start = 0; start + phrase.Count <= text.Count; start++)
        {
            if (phrase.Select((word, i) => text[start + i] == word).All(same => same))
            {
                return true;
            }
        }

        return false;
    }
}
