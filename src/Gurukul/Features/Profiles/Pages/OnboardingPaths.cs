namespace Gurukul.Features.Profiles.Pages;

/// <summary>Each onboarding step's address and title. The details step is <c>/onboarding/school</c> or <c>/onboarding/college</c>.</summary>
public static class OnboardingPaths
{
    public const string Start = "/onboarding";
    public const string Done = "/onboarding/done";

    public static string For(OnboardingStep step, StudentProfileRequest answers) => $"{Start}/{Slug(step, answers)}";

    public static string Slug(OnboardingStep step, StudentProfileRequest answers) => step switch
    {
        OnboardingStep.Basics => "basics",
        OnboardingStep.Level => "level",
        OnboardingStep.Details => OnboardingSteps.IsCollege(answers) ? "college" : "school",
        OnboardingStep.Goals => "goals",
        OnboardingStep.Interests => "interests",
        _ => "preferences",
    };

    public static OnboardingStep? Parse(string? slug) => slug switch
    {
        null or "basics" => OnboardingStep.Basics,
        "level" => OnboardingStep.Level,
        "school" or "college" => OnboardingStep.Details,
        "goals" => OnboardingStep.Goals,
        "interests" => OnboardingStep.Interests,
        "preferences" => OnboardingStep.Preferences,
        _ => null,
    };

    /// <summary>The string key of a step's title; the details step is named after the level once it is known.</summary>
    public static string Title(OnboardingStep step, StudentProfileRequest answers) => step switch
    {
        OnboardingStep.Details when answers.AcademicLevel is null => "onboarding.step.details",
        _ => "onboarding.step." + Slug(step, answers),
    };
}
