namespace Gurukul.Features.Profiles;

/// <summary>The steps of a student's onboarding, in order. The details step asks school or college questions, as fits.</summary>
public enum OnboardingStep
{
    Basics = 1,
    Level = 2,
    Details = 3,
    Goals = 4,
    Interests = 5,
    Preferences = 6,
}

/// <summary>What each step asks: the profile fields it answers (as the API names them) and how its answers join the rest.</summary>
public static class OnboardingSteps
{
    public const int Count = 6;

    public static IReadOnlyList<OnboardingStep> All { get; } = Enum.GetValues<OnboardingStep>();

    /// <summary>The fields a step answers and validates; every field of the profile belongs to exactly one step.</summary>
    public static IReadOnlyList<string> Fields(OnboardingStep step) => step switch
    {
        OnboardingStep.Basics => ["primaryLanguage", "languagesSpoken"],
        OnboardingStep.Level => ["academicLevel"],
        OnboardingStep.Details => ["school", "college"],
        OnboardingStep.Goals => ["fieldOfStudy", "careerGoals"],
        OnboardingStep.Interests => ["interests", "challenges"],
        _ => ["city", "state", "country", "timezone"],
    };

    /// <summary>The step that asks for <paramref name="errorField"/> (<c>school.board</c> → details).</summary>
    public static OnboardingStep Owning(string errorField) =>
        All.FirstOrDefault(step => Fields(step).Any(field => StudentProfileService.Covers(field, errorField)), OnboardingStep.Basics);

    /// <summary>The answers so far with this step's answers taken from <paramref name="posted"/>; other fields stay as they were.</summary>
    public static StudentProfileRequest Merge(OnboardingStep step, StudentProfileRequest answers, StudentProfileRequest posted) => step switch
    {
        OnboardingStep.Basics => answers with { PrimaryLanguage = posted.PrimaryLanguage, LanguagesSpoken = posted.LanguagesSpoken },
        OnboardingStep.Level => answers with { AcademicLevel = posted.AcademicLevel },
        // The other level's details are kept: a student who goes back and changes level finds them again if they return.
        OnboardingStep.Details when IsCollege(answers) => answers with { College = posted.College },
        OnboardingStep.Details => answers with { School = posted.School },
        OnboardingStep.Goals => answers with { FieldOfStudy = posted.FieldOfStudy, CareerGoals = posted.CareerGoals },
        OnboardingStep.Interests => answers with { Interests = posted.Interests, Challenges = posted.Challenges },
        _ => answers with { City = posted.City, State = posted.State, Country = posted.Country, Timezone = posted.Timezone },
    };

    public static bool IsCollege(StudentProfileRequest answers) =>
        string.Equals(answers.AcademicLevel?.Trim(), "college", StringComparison.OrdinalIgnoreCase);

    public static StudentProfileRequest NoAnswers { get; } = new(null, null, null, null, null, null, null, null, null, null, null);

    /// <summary>An existing profile as answers, so a student can go through the steps again to change it.</summary>
    public static StudentProfileRequest FromProfile(StudentProfileDto p) => new(
        p.AcademicLevel, p.PrimaryLanguage, [.. p.LanguagesSpoken], p.FieldOfStudy,
        [.. p.CareerGoals], [.. p.Interests], [.. p.Challenges], p.City, p.State, p.Country, p.Timezone, School: p.School, College: p.College);
}
