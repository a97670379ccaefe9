using System.ComponentModel;

namespace Gurukul.Features.Profiles;

public sealed record SchoolDetails(string? SchoolName, string? Board, int? ClassGrade, List<string>? Subjects, string? Stream = null);

public sealed record CollegeDetails(string? UniversityName, string? DegreeType, string? Major, int? Semester, decimal? Cgpa, string? Minor = null);

/// <summary>API.md <c>PUT /api/v1/me/student-profile</c> body; the response adds <c>id</c> and <c>updatedAt</c>.</summary>
public sealed record StudentProfileRequest(
    [property: Description("school or college.")] string? AcademicLevel, string? PrimaryLanguage, List<string>? LanguagesSpoken,
    string? FieldOfStudy, List<string>? CareerGoals, List<string>? Interests, List<string>? Challenges,
    string? City, string? State, string? Country, string? Timezone,
    [property: Description("Required when academicLevel is school.")] SchoolDetails? School = null,
    [property: Description("Required when academicLevel is college.")] CollegeDetails? College = null);

public sealed record StudentProfileDto(
    string Id, string AcademicLevel, SchoolDetails? School, CollegeDetails? College, string PrimaryLanguage, IReadOnlyList<string> LanguagesSpoken,
    string FieldOfStudy, IReadOnlyList<string> CareerGoals, IReadOnlyList<string> Interests, IReadOnlyList<string> Challenges,
    string City, string State, string Country, string Timezone, DateTime UpdatedAt);
