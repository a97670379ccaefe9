using Gurukul.Features.Discovery;
using Gurukul.Features.Mentors;
using Gurukul.Features.Profiles;

namespace Gurukul.Features.Matching;

/// <summary>What scoring needs to know about the student, read once per list.</summary>
public sealed record StudentFacts(
    AcademicLevel Level,
    string PrimaryLanguage,
    IReadOnlySet<string> Languages,
    IReadOnlySet<string> Subjects,
    IReadOnlyList<string> FieldWords,
    IReadOnlyList<string> CareerGoals,
    string City,
    string State,
    string Country,
    string TimeZone)
{
    public StudentLevels LevelServed => Level == AcademicLevel.School ? StudentLevels.School : StudentLevels.College;
}

/// <summary>What scoring needs to know about one candidate mentor.</summary>
public sealed record MentorFacts(
    Guid Id,
    StudentLevels LevelsServed,
    string PrimaryLanguage,
    IReadOnlySet<string> Languages,
    IReadOnlySet<string> Subjects,
    IReadOnlySet<string> Vocabulary,
    string? City,
    string? State,
    string Country,
    string TimeZone,
    decimal RatingAverage,
    int RatingCount,
    int ExperienceYears);

/// <summary>Turns free text (goals, expertise, subject names) into the words matching compares.</summary>
public static class MatchWords
{
    // Words that say nothing about a field or goal; short acronyms (JEE, IIT, CA) are kept.
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "and", "the", "for", "with", "from", "into", "your", "our", "my", "of", "in", "to", "a", "an", "at", "on", "or", "by",
        "become", "want", "get", "good", "better", "learn", "learning", "study", "studies", "student", "students", "career",
        "help", "prepare", "preparation", "crack", "clear", "score", "job", "work", "like",
    };

    public static IEnumerable<string> Of(string? text) => SearchWords.All(text).Where(w => w.Length >= 2 && !Filler.Contains(w));
}
