using Gurukul.Platform;

namespace Gurukul.Features.Mentors;

/// <summary>API.md <c>PUT /api/v1/me/mentor-profile</c> body.</summary>
public sealed record MentorProfileRequest(
    string? Headline, string? Bio, int? ExperienceYears, List<string>? ExpertiseAreas, List<string>? Subjects, List<string>? StudentLevelsServed,
    MoneyDto? HourlyRate, string? PrimaryLanguage, List<string>? LanguagesSpoken, string? Timezone, string? Country,
    string? Company = null, string? University = null, string? City = null, string? State = null);

public sealed record MoneyDto(long? AmountMinor, string? Currency)
{
    public static MoneyDto From(Money money) => new(money.AmountMinor, money.Currency);
}

/// <summary>The body as saved, plus <c>id</c>, <c>slug</c> and <c>verificationStatus</c>.</summary>
public sealed record MentorProfileDto(
    string Id, string Headline, string Bio, string? Company, string? University, int ExperienceYears, IReadOnlyList<string> ExpertiseAreas,
    IReadOnlyList<string> Subjects, IReadOnlyList<string> StudentLevelsServed, MoneyDto HourlyRate, string PrimaryLanguage,
    IReadOnlyList<string> LanguagesSpoken, string Timezone, string? City, string? State, string Country, string Slug, string VerificationStatus);
