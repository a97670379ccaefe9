using System.Globalization;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Profiles;

/// <summary>The student profile use cases: read it, and create or replace it (asking only what fits the student's level).</summary>
public sealed class StudentProfileService(GurukulDbContext db, IClock clock, IStringLocalizer<Strings> text)
{
    private const int MaxListItems = 10;
    private const int MaxItemLength = 80;

    public async Task<StudentProfileDto> GetAsync(string userId, CancellationToken cancellationToken) =>
        ToDto(await db.Set<StudentProfile>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken)
            ?? throw new NotFoundException(text["profile.student.none"]));

    public async Task<StudentProfileDto> SaveAsync(string userId, StudentProfileRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var languages = await db.Languages.Select(l => l.Code).ToListAsync(cancellationToken);
        var subjects = await db.Subjects.Select(s => s.Slug).ToListAsync(cancellationToken);

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

        var school = request.School;
        var college = request.College;
        if (level == AcademicLevel.School)
        {
            if (school is null)
            {
                errors.Add("school", text["profile.school_required"]);
            }
            else
            {
                Text(errors, "school.schoolName", school.SchoolName, 160, required: true);
                Text(errors, "school.board", school.Board, 80, required: true);
                Text(errors, "school.stream", school.Stream, 80, required: false);
                if (school.ClassGrade is not (>= 6 and <= 12))
                {
                    errors.Add("school.classGrade", text["profile.class_grade"]);
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
            }
        }
        else if (level == AcademicLevel.College)
        {
            if (college is null)
            {
                errors.Add("college", text["profile.college_required"]);
            }
            else
            {
                Text(errors, "college.universityName", college.UniversityName, 160, required: true);
                Text(errors, "college.degreeType", college.DegreeType, 80, required: true);
                Text(errors, "college.major", college.Major, 120, required: true);
                Text(errors, "college.minor", college.Minor, 120, required: false);
                if (college.Semester is not (>= 1 and <= 10))
                {
                    errors.Add("college.semester", text["profile.semester"]);
                }

                if (college.Cgpa is not { } cgpa || cgpa < 0 || cgpa > 10 || decimal.Round(cgpa, 2) != cgpa)
                {
                    errors.Add("college.cgpa", text["profile.cgpa"]);
                }
            }
        }

        var primary = request.PrimaryLanguage?.Trim().ToLowerInvariant();
        if (primary is null || !languages.Contains(primary))
        {
            errors.Add("primaryLanguage", text["profile.language_unknown"]);
        }

        var spoken = (request.LanguagesSpoken ?? []).Select(l => l?.Trim().ToLowerInvariant() ?? "").ToList();
        for (var i = 0; i < spoken.Count; i++)
        {
            if (!languages.Contains(spoken[i]))
            {
                errors.Add($"languagesSpoken[{i}]", text["profile.language_unknown"]);
            }
        }

        if (spoken.Count > MaxListItems)
        {
            errors.Add("languagesSpoken", text["profile.list_too_long", MaxListItems]);
        }

        Text(errors, "fieldOfStudy", request.FieldOfStudy, 120, required: true);
        var careerGoals = List(errors, "careerGoals", request.CareerGoals);
        var interests = List(errors, "interests", request.Interests);
        var challenges = List(errors, "challenges", request.Challenges);
        Text(errors, "city", request.City, 80, required: true);
        Text(errors, "state", request.State, 80, required: true);
        var country = request.Country?.Trim().ToUpperInvariant();
        if (country is not { Length: 2 } || !IsCountry(country))
        {
            errors.Add("country", text["profile.country"]);
        }

        if (string.IsNullOrWhiteSpace(request.Timezone) || DateTimeZoneProviders.Tzdb.GetZoneOrNull(request.Timezone.Trim()) is null)
        {
            errors.Add("timezone", text["profile.timezone"]);
        }

        errors.ThrowIfAny();

        var now = clock.GetCurrentInstant();
        var profile = await db.Set<StudentProfile>().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (profile is null)
        {
            profile = new StudentProfile
            {
                UserId = userId, PrimaryLanguage = primary!, FieldOfStudy = "", City = "", State = "", Country = country!, TimeZone = "", CreatedAt = now,
            };
            db.Add(profile);
        }

        if (level == AcademicLevel.School)
        {
            profile.AtSchool(school!.SchoolName!.Trim(), school.Board!.Trim(), school.ClassGrade!.Value, Clean(school.Stream), [.. school.Subjects!.Distinct(StringComparer.Ordinal)]);
        }
        else
        {
            profile.AtCollege(college!.UniversityName!.Trim(), college.DegreeType!.Trim(), college.Major!.Trim(), Clean(college.Minor), college.Semester!.Value, college.Cgpa!.Value);
        }

        profile.PrimaryLanguage = primary!;
        // The first language is always one the student speaks.
        profile.LanguagesSpoken = [.. new[] { primary! }.Concat(spoken).Distinct(StringComparer.Ordinal)];
        profile.FieldOfStudy = request.FieldOfStudy!.Trim();
        profile.CareerGoals = careerGoals;
        profile.Interests = interests;
        profile.Challenges = challenges;
        profile.City = request.City!.Trim();
        profile.State = request.State!.Trim();
        profile.Country = country!;
        profile.TimeZone = request.Timezone!.Trim();
        profile.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(profile);
    }

    private static StudentProfileDto ToDto(StudentProfile p) => new(
        p.Id.ToString(), p.AcademicLevel == AcademicLevel.School ? "school" : "college",
        p.AcademicLevel == AcademicLevel.School ? new SchoolDetails(p.SchoolName, p.Board, p.ClassGrade, p.Stream, p.Subjects) : null,
        p.AcademicLevel == AcademicLevel.College ? new CollegeDetails(p.UniversityName, p.DegreeType, p.Major, p.Minor, p.Semester, p.Cgpa) : null,
        p.PrimaryLanguage, p.LanguagesSpoken, p.FieldOfStudy, p.CareerGoals, p.Interests, p.Challenges, p.City, p.State, p.Country, p.TimeZone,
        p.UpdatedAt.ToDateTimeUtc());

    private void Text(FieldErrors errors, string field, string? value, int maxLength, bool required)
    {
        var trimmed = value?.Trim();
        if ((required && string.IsNullOrEmpty(trimmed)) || trimmed?.Length > maxLength)
        {
            errors.Add(field, text[required ? "profile.text_required" : "profile.text_too_long", maxLength]);
        }
    }

    private List<string> List(FieldErrors errors, string field, List<string>? values)
    {
        var items = (values ?? []).Select(v => v?.Trim() ?? "").ToList();
        if (items.Count > MaxListItems)
        {
            errors.Add(field, text["profile.list_too_long", MaxListItems]);
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Length is 0 or > MaxItemLength)
            {
                errors.Add($"{field}[{i}]", text["profile.text_required", MaxItemLength]);
            }
        }

        return [.. items.Distinct(StringComparer.Ordinal)];
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsCountry(string code)
    {
        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
