namespace Gurukul.Features.Profiles;

public sealed record SchoolDetails(string? SchoolName, string? Board, int? ClassGrade, string? Stream, List<string>? Subjects);

public sealed record CollegeDetails(string? UniversityName, string? DegreeType, string? Major, string? Minor, int? Semester, decimal? Cgpa);

/// <summary>API.md <c>PUT /api/v1/me/student-profile</c> body; the response adds <c>id</c> and <c>updatedAt</c>.</summary>
public sealed record StudentProfileRequest(
    string? AcademicLevel, SchoolDetails? School, CollegeDetails? College, string? PrimaryLanguage, List<string>? LanguagesSpoken,
    string? FieldOfStudy, List<string>? CareerGoals, List<string>? Interests, List<string>? Challenges,
    string? City, string? State, string? Country, string? Timezone);

public sealed record StudentProfileDto(
    string Id, string AcademicLevel, SchoolDetails? School, CollegeDetails? College, string PrimaryLanguage, IReadOnlyList<string> LanguagesSpoken,
    string FieldOfStudy, IReadOnlyList<string> CareerGoals, IReadOnlyList<string> Interests, IReadOnlyList<string> Challenges,
    string City, string State, string Country, string Timezone, DateTime UpdatedAt);
