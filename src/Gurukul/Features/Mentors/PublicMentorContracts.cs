using System.Text.Json.Serialization;
using Gurukul.Platform.Web;

namespace Gurukul.Features.Mentors;

/// <summary>
/// API.md's <c>MentorCard</c>: one mentor in a list. Languages are ISO codes as everywhere in the API; subjects carry
/// their taxonomy name beside the slug, which clients cannot derive.
/// </summary>
public record MentorCardDto(
    string Id, string Slug, string Name, string Headline, string? PhotoUrl, IReadOnlyList<MentorSubjectDto> Subjects, string PrimaryLanguage,
    IReadOnlyList<string> LanguagesSpoken, MoneyDto HourlyRate, decimal RatingAverage, int RatingCount, int ExperienceYears,
    string? City, string? State, string Country, bool Verified)
{
    public static MentorCardDto From(PublicMentorCard m, HttpContext http) => new(
        m.Id.ToString(), m.Slug, m.Name, m.Headline, m.PhotoPath is null ? null : PublicUrls.BaseUrl(http) + m.PhotoPath,
        [.. m.Subjects.Select(s => new MentorSubjectDto(s.Slug, s.Name))], m.PrimaryLanguageCode, [.. m.Languages.Select(l => l.Code)],
        MoneyDto.From(m.HourlyRate), m.RatingAverage, m.RatingCount, m.ExperienceYears, m.City, m.State, m.Country,
        // Only approved mentors are public at all; the field exists so clients need not know that rule.
        Verified: true);
}

/// <summary>
/// <c>GET /api/v1/mentors/{idOrSlug}</c>: the <see cref="MentorCardDto"/> (its fields, not nested) plus the profile's details.
/// </summary>
public sealed record MentorDetailDto(
    [property: JsonIgnore] MentorCardDto Card,
    string Bio, IReadOnlyList<string> ExpertiseAreas, IReadOnlyList<string> StudentLevelsServed, string? Company, string? University,
    string Timezone, int SessionsCompleted, int? ResponseTimeHours) : MentorCardDto(Card)
{
    public static MentorDetailDto From(PublicMentorProfile m, HttpContext http) => new(
        MentorCardDto.From(m.Card, http),
        m.Bio, m.ExpertiseAreas, m.LevelsServed, m.Company, m.University, m.TimeZone, m.SessionsCompleted,
        // Measured once messaging exists (roadmap step 2); until then unknown rather than invented.
        ResponseTimeHours: null);
}

public sealed record MentorSubjectDto(string Slug, string Name);

/// <summary><c>PUT /api/v1/me/mentor-profile/slug</c> body, and its answer.</summary>
public sealed record MentorSlugRequest(string? Slug);

public sealed record MentorSlugDto(string Slug);
