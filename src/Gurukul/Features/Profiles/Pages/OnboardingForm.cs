using System.Globalization;

namespace Gurukul.Features.Profiles.Pages;

/// <summary>
/// The onboarding form as typed: text, so a wrong number comes back exactly as entered. Each step shows some of it;
/// <see cref="OnboardingSteps.Merge"/> keeps only the step's fields of <see cref="ToRequest"/>.
/// </summary>
public sealed class OnboardingForm
{
    public string? PrimaryLanguage { get; set; }
    // The form binder sets a list it finds no values for to null; the page reads checkboxes itself (see OnboardingPage).
    public List<string> LanguagesSpoken { get; set => field = value ?? []; } = [];
    public string? AcademicLevel { get; set; }
    public string? SchoolName { get; set; }
    public string? Board { get; set; }
    public string? ClassGrade { get; set; }
    public string? Stream { get; set; }
    public List<string> Subjects { get; set => field = value ?? []; } = [];
    public string? UniversityName { get; set; }
    public string? DegreeType { get; set; }
    public string? Major { get; set; }
    public string? Minor { get; set; }
    public string? Semester { get; set; }
    public string? Cgpa { get; set; }
    public string? FieldOfStudy { get; set; }

    /// <summary>Career goals, interests and challenges: one per line.</summary>
    public string? CareerGoals { get; set; }
    public string? Interests { get; set; }
    public string? Challenges { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Country { get; set; }
    public string? Timezone { get; set; }
    public bool RemovePhoto { get; set; }

    public static OnboardingForm From(StudentProfileRequest answers) => new()
    {
        PrimaryLanguage = answers.PrimaryLanguage,
        LanguagesSpoken = answers.LanguagesSpoken ?? [],
        AcademicLevel = answers.AcademicLevel,
        SchoolName = answers.School?.SchoolName,
        Board = answers.School?.Board,
        ClassGrade = answers.School?.ClassGrade?.ToString(CultureInfo.InvariantCulture),
        Stream = answers.School?.Stream,
        Subjects = answers.School?.Subjects ?? [],
        UniversityName = answers.College?.UniversityName,
        DegreeType = answers.College?.DegreeType,
        Major = answers.College?.Major,
        Minor = answers.College?.Minor,
        Semester = answers.College?.Semester?.ToString(CultureInfo.InvariantCulture),
        Cgpa = answers.College?.Cgpa?.ToString(CultureInfo.InvariantCulture),
        FieldOfStudy = answers.FieldOfStudy,
        CareerGoals = Lines(answers.CareerGoals),
        Interests = Lines(answers.Interests),
        Challenges = Lines(answers.Challenges),
        City = answers.City,
        State = answers.State,
        Country = answers.Country,
        Timezone = answers.Timezone,
    };

    /// <summary>
    /// The answers as the API takes them. A number that does not parse becomes null, which the profile rules then
    /// refuse with their usual message ("Class must be from 6 to 12").
    /// </summary>
    public StudentProfileRequest ToRequest() => new(
        AcademicLevel, PrimaryLanguage, LanguagesSpoken, FieldOfStudy, Items(CareerGoals), Items(Interests), Items(Challenges),
        City, State, Country, Timezone,
        School: new SchoolDetails(SchoolName, Board, Integer(ClassGrade), Subjects, Stream: Stream),
        College: new CollegeDetails(UniversityName, DegreeType, Major, Integer(Semester), Decimal(Cgpa), Minor: Minor));

    private static string? Lines(List<string>? items) => items is null ? null : string.Join('\n', items);

    // Blank lines are not items: a trailing newline must not become an empty goal.
    private static List<string> Items(string? lines) =>
        [.. (lines ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];

    private static int? Integer(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    // "8,4" is how some phones' keyboards write 8.4.
    private static decimal? Decimal(string? value) =>
        decimal.TryParse(value?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
