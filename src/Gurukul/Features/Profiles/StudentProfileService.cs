using Gurukul.Features.Matching;
using Gurukul.Features.Reference;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.TimeZones;

namespace Gurukul.Features.Profiles;

/// <summary>The student profile use cases: read it, and create or replace it (asking only what fits the student's level).</summary>
public sealed class StudentProfileService(
    GurukulDbContext db, ReferenceService reference, RecommendationInvalidation recommendations, IClock clock, IStringLocalizer<Strings> text)
{
    public async Task<StudentProfileDto> GetAsync(string userId, CancellationToken cancellationToken) =>
        await FindAsync(userId, cancellationToken) ?? throw new NotFoundException(text["profile.student.none"]);

    /// <summary>The student's profile, or null before they have saved one.</summary>
    public async Task<StudentProfileDto?> FindAsync(string userId, CancellationToken cancellationToken) =>
        await db.Set<StudentProfile>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken) is { } profile
            ? ToDto(profile)
            : null;

    public async Task<StudentProfileDto> SaveAsync(string userId, StudentProfileRequest request, CancellationToken cancellationToken)
    {
        var answers = await CheckAsync(request, cancellationToken);
        answers.Errors.ThrowIfAny();
        try
        {
            return await WriteAsync(userId, request, answers, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same student's first profile was inserted a moment ago by another request (a double submit): the
            // unique user index refused ours, so this save becomes an update of that one.
            db.ChangeTracker.Clear();
            return await WriteAsync(userId, request, answers, cancellationToken);
        }
    }

    /// <summary>
    /// Checks some of a profile's fields (an onboarding step's) by the very rules of <see cref="SaveAsync"/>, ignoring
    /// the rest, which may not be answered yet. A field is named as in the API (<c>school</c> covers <c>school.board</c>,
    /// <c>careerGoals</c> covers <c>careerGoals[2]</c>). Throws a <see cref="ValidationException"/> naming the bad ones.
    /// </summary>
    public async Task ValidateFieldsAsync(StudentProfileRequest request, IReadOnlyCollection<string> fields, CancellationToken cancellationToken)
    {
        var answers = await CheckAsync(request, cancellationToken);
        answers.Errors.ThrowIfAny(error => fields.Any(field => Covers(field, error)));
    }

    /// <summary>Whether the error on <paramref name="errorField"/> is about <paramref name="field"/> or a part of it.</summary>
    public static bool Covers(string field, string errorField) =>
        errorField == field
        || (errorField.Length > field.Length && errorField.StartsWith(field, StringComparison.Ordinal) && errorField[field.Length] is '.' or '[');

    private async Task<CheckedAnswers> CheckAsync(StudentProfileRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var rules = new FieldRules(errors, text);
        var (languages, subjects, boards) = await reference.KnownCodesAsync(cancellationToken);

        var level = request.AcademicLevel?.Trim().ToLowerInvariant() switch
        {
            "school" => AcademicLevel.School,
            "college" => AcademicLevel.College,
            _ => (AcademicLevel?)null,
        };
        if (level is null)
        {
            errors.Add("academicLevel", text["profile.academic_level"]);
        }

        string? board = null;
        if (level == AcademicLevel.School)
        {
            board = CheckSchool(request.School, errors, rules, subjects, boards);
        }
        else if (level == AcademicLevel.College)
        {
            CheckCollege(request.College, errors, rules);
        }

        var primary = request.PrimaryLanguage?.Trim().ToLowerInvariant();
        if (primary is null || !languages.Contains(primary))
        {
            errors.Add("primaryLanguage", text["profile.language_unknown"]);
        }

        var spoken = rules.KnownCodes("languagesSpoken", request.LanguagesSpoken, languages, "profile.language_unknown");

        rules.Text("fieldOfStudy", request.FieldOfStudy, 120, required: true);
        var careerGoals = rules.List("careerGoals", request.CareerGoals);
        var interests = rules.List("interests", request.Interests);
        var challenges = rules.List("challenges", request.Challenges);
        rules.Text("city", request.City, 80, required: true);
        rules.Text("state", request.State, 80, required: true);
        var country = rules.Country("country", request.Country);
        // Browsers may report an old alias (Chromium says Asia/Calcutta): keep the zone's current name.
        var timeZone = rules.TimeZone("timezone", request.Timezone);
        if (timeZone is not null && TzdbDateTimeZoneSource.Default.CanonicalIdMap.TryGetValue(timeZone, out var current))
        {
            timeZone = current;
        }

        return new CheckedAnswers(errors, level, board, primary, spoken, careerGoals, interests, challenges, country, timeZone);
    }

    /// <summary>Checks a school student's details; returns the board's code as stored (lowercase).</summary>
    private string? CheckSchool(SchoolDetails? school, FieldErrors errors, FieldRules rules, HashSet<string> subjects, HashSet<string> boards)
    {
        if (school is null)
        {
            errors.Add("school", text["profile.school_required"]);
            return null;
        }

        rules.Text("school.schoolName", school.SchoolName, 160, required: true);
        var board = school.Board?.Trim().ToLowerInvariant();
        if (board is null || !boards.Contains(board))
        {
            errors.Add("school.board", text["profile.board_unknown"]);
        }

        rules.Text("school.stream", school.Stream, 80, required: false);
        if (school.ClassGrade is not (>= 6 and <= 12))
        {
            errors.Add("school.classGrade", text["profile.class_grade"]);
        }
        else if (school.ClassGrade < 11 && Clean(school.Stream) is not null)
        {
            // Indian schools split into streams (science, commerce, humanities) only in classes 11 and 12.
            errors.Add("school.stream", text["profile.stream_senior_only"]);
        }

        var chosen = school.Subjects ?? [];
        if (chosen.Distinct(StringComparer.Ordinal).Count() is < 3 or > 8 || chosen.Count != chosen.Distinct(StringComparer.Ordinal).Count())
        {
            errors.Add("school.subjects", text["profile.subjects_count"]);
        }

        for (var i = 0; i < chosen.Count; i++)
        {
            if (!subjects.Contains(chosen[i]))
            {
                errors.Add($"school.subjects[{i}]", text["profile.subject_unknown", chosen[i] ?? ""]);
            }
        }

        return board;
    }

    private void CheckCollege(CollegeDetails? college, FieldErrors errors, FieldRules rules)
    {
        if (college is null)
        {
            errors.Add("college", text["profile.college_required"]);
            return;
        }

        rules.Text("college.universityName", college.UniversityName, 160, required: true);
        rules.Text("college.degreeType", college.DegreeType, 80, required: true);
        rules.Text("college.major", college.Major, 120, required: true);
        rules.Text("college.minor", college.Minor, 120, required: false);
        if (college.Semester is not (>= 1 and <= 10))
        {
            errors.Add("college.semester", text["profile.semester"]);
        }

        if (college.Cgpa is not { } cgpa || cgpa < 0 || cgpa > 10 || decimal.Round(cgpa, 2) != cgpa)
        {
            errors.Add("college.cgpa", text["profile.cgpa"]);
        }
    }

    private async Task<StudentProfileDto> WriteAsync(string userId, StudentProfileRequest request, CheckedAnswers answers, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var profile = await db.Set<StudentProfile>().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (profile is null)
        {
            profile = new StudentProfile
            {
                UserId = userId, PrimaryLanguage = answers.Primary!, FieldOfStudy = "", City = "", State = "", Country = answers.Country!, TimeZone = "", CreatedAt = now,
            };
            db.Add(profile);
        }

        if (answers.Level == AcademicLevel.School)
        {
            var school = request.School!;
            profile.AtSchool(school.SchoolName!.Trim(), answers.Board!, school.ClassGrade!.Value, Clean(school.Stream), [.. school.Subjects!.Distinct(StringComparer.Ordinal)]);
        }
        else
        {
            var college = request.College!;
            profile.AtCollege(college.UniversityName!.Trim(), college.DegreeType!.Trim(), college.Major!.Trim(), Clean(college.Minor), college.Semester!.Value, college.Cgpa!.Value);
        }

        profile.PrimaryLanguage = answers.Primary!;
        // The first language is always one the student speaks.
        profile.LanguagesSpoken = [.. new[] { answers.Primary! }.Concat(answers.Spoken).Distinct(StringComparer.Ordinal)];
        profile.FieldOfStudy = request.FieldOfStudy!.Trim();
        profile.CareerGoals = answers.CareerGoals;
        profile.Interests = answers.Interests;
        profile.Challenges = answers.Challenges;
        profile.City = request.City!.Trim();
        profile.State = request.State!.Trim();
        profile.Country = answers.Country!;
        profile.TimeZone = answers.TimeZone!;
        profile.UpdatedAt = now;
        recommendations.StudentChanged(userId);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(profile);
    }

    private static StudentProfileDto ToDto(StudentProfile p) => new(
        p.Id.ToString(), p.AcademicLevel == AcademicLevel.School ? "school" : "college",
        p.AcademicLevel == AcademicLevel.School ? new SchoolDetails(p.SchoolName, p.Board, p.ClassGrade, p.Subjects, Stream: p.Stream) : null,
        p.AcademicLevel == AcademicLevel.College ? new CollegeDetails(p.UniversityName, p.DegreeType, p.Major, p.Semester, p.Cgpa, Minor: p.Minor) : null,
        p.PrimaryLanguage, p.LanguagesSpoken, p.FieldOfStudy, p.CareerGoals, p.Interests, p.Challenges, p.City, p.State, p.Country, p.TimeZone,
        p.UpdatedAt.ToDateTimeUtc());

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A request's errors, and its values as they are stored (codes lowercased, lists trimmed without repeats).</summary>
    private sealed record CheckedAnswers(
        FieldErrors Errors, AcademicLevel? Level, string? Board, string? Primary, List<string> Spoken,
        List<string> CareerGoals, List<string> Interests, List<string> Challenges, string? Country, string? TimeZone);
}
