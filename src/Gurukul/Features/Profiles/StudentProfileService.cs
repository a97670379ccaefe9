using Gurukul.Features.Reference;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Profiles;

/// <summary>The student profile use cases: read it, and create or replace it (asking only what fits the student's level).</summary>
public sealed class StudentProfileService(GurukulDbContext db, ReferenceService reference, IClock clock, IStringLocalizer<Strings> text)
{
    public async Task<StudentProfileDto> GetAsync(string userId, CancellationToken cancellationToken) =>
        ToDto(await db.Set<StudentProfile>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken)
            ?? throw new NotFoundException(text["profile.student.none"]));

    public async Task<StudentProfileDto> SaveAsync(string userId, StudentProfileRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var rules = new FieldRules(errors, text);
        var (languages, subjects, _) = await reference.KnownCodesAsync(cancellationToken);

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
                rules.Text("school.schoolName", school.SchoolName, 160, required: true);
                rules.Text("school.board", school.Board, 80, required: true);
                rules.Text("school.stream", school.Stream, 80, required: false);
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
        var timeZone = rules.TimeZone("timezone", request.Timezone);

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
        profile.TimeZone = timeZone!;
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

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
