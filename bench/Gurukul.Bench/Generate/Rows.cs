namespace Gurukul.Bench.Generate;

/// <summary>One account (the <c>users</c> table). Everyone gets the same password hash: see <see cref="BenchAccounts"/>.</summary>
public sealed record UserRow(
    string Id, string Name, string Email, string Locale, string TimeZone, DateTime CreatedAt, bool EmailConfirmed,
    string SecurityStamp, string ConcurrencyStamp, DateOnly? DateOfBirth, string? GuardianEmail, string GuardianConsent, DateTime? GuardianDecidedAt);

/// <summary>One mentor: a <c>mentor_profiles</c> row with its subjects and languages. The slug is given afterwards, in index order.</summary>
public sealed class MentorRow
{
    public required Guid Id { get; init; }
    public required UserRow User { get; init; }
    public required string Persona { get; init; }
    public string Slug { get; set; } = "";
    public required string Headline { get; init; }
    public required string Bio { get; init; }
    public string? Company { get; init; }
    public string? University { get; init; }
    public required int ExperienceYears { get; init; }
    public required List<string> ExpertiseAreas { get; init; }
    public required int StudentLevelsServed { get; init; }
    public required string PrimaryLanguage { get; init; }
    public required List<string> Languages { get; init; }
    public required List<string> Subjects { get; init; }
    public required string TimeZone { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public required string Country { get; init; }
    public required string VerificationStatus { get; init; }
    public required bool IsActive { get; init; }
    public required decimal RatingAverage { get; init; }
    public required int RatingCount { get; init; }
    public required int SessionsCompleted { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public required long RateMinor { get; init; }
    public required string Currency { get; init; }

    /// <summary>Set after the mentor is made (from their own random stream); null for a mentor who never set any.</summary>
    public AvailabilityRow? Availability { get; set; }

    public bool IsPublic => VerificationStatus == "approved" && IsActive;
}

/// <summary>One student: a <c>student_profiles</c> row, school or college.</summary>
public sealed class StudentRow
{
    public required Guid Id { get; init; }
    public required UserRow User { get; init; }
    public required string AcademicLevel { get; init; }
    public string? SchoolName { get; init; }
    public string? Board { get; init; }
    public int? ClassGrade { get; init; }
    public string? Stream { get; init; }
    public required List<string> Subjects { get; init; }
    public string? UniversityName { get; init; }
    public string? DegreeType { get; init; }
    public string? Major { get; init; }
    public string? Minor { get; init; }
    public int? Semester { get; init; }
    public decimal? Cgpa { get; init; }
    public required string PrimaryLanguage { get; init; }
    public required List<string> LanguagesSpoken { get; init; }
    public required string FieldOfStudy { get; init; }
    public required List<string> CareerGoals { get; init; }
    public required List<string> Interests { get; init; }
    public required List<string> Challenges { get; init; }
    public required string City { get; init; }
    public required string State { get; init; }
    public required string Country { get; init; }
    public required string TimeZone { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
}
