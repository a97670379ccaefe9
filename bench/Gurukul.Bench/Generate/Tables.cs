namespace Gurukul.Bench.Generate;

public enum ColumnType
{
    Text,
    Uuid,
    Timestamp,
    Date,
    Bool,
    Int4,
    Bigint,
    Numeric,
    TextList,
    IntList,
}

public sealed record Column(string Name, ColumnType Type);

/// <summary>A table to load: its name and columns exactly as the migrations define them, and how a generated row fills them.</summary>
public sealed record Table<T>(string Name, IReadOnlyList<Column> Columns, Func<T, IEnumerable<object?[]>> Rows)
{
    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));
}

/// <summary>
/// The tables the marketplace lives in (migrations 0001, 0003, 0005, 0006, 0012). Columns not listed keep their defaults
/// (null phone numbers, no lockout, no photo). Types follow the EF model: ids of users are text, profile ids are UUIDs,
/// lists are text[] on PostgreSQL and JSON on SQLite.
/// </summary>
public static class Tables
{
    private static Column C(string name, ColumnType type = ColumnType.Text) => new(name, type);

    public static Table<UserRow> Users(string passwordHash) => new("users",
        [C("id"), C("name"), C("locale"), C("time_zone"), C("created_at", ColumnType.Timestamp), C("user_name"), C("normalized_user_name"),
         C("email"), C("normalized_email"), C("email_confirmed", ColumnType.Bool), C("password_hash"), C("security_stamp"), C("concurrency_stamp"),
         C("phone_number_confirmed", ColumnType.Bool), C("two_factor_enabled", ColumnType.Bool), C("lockout_enabled", ColumnType.Bool),
         C("access_failed_count", ColumnType.Int4), C("date_of_birth", ColumnType.Date), C("guardian_email"), C("guardian_consent"),
         C("guardian_decided_at", ColumnType.Timestamp)],
        u =>
        [[
            u.Id, u.Name, u.Locale, u.TimeZone, u.CreatedAt, u.Email, u.Email.ToUpperInvariant(), u.Email, u.Email.ToUpperInvariant(),
            u.EmailConfirmed, passwordHash, u.SecurityStamp, u.ConcurrencyStamp, false, false, true, 0, u.DateOfBirth, u.GuardianEmail,
            u.GuardianConsent, u.GuardianDecidedAt,
        ]]);

    public static Table<UserRow> UserRoles(string roleId) => new("user_roles", [C("user_id"), C("role_id")], u => [[u.Id, roleId]]);

    public static Table<MentorRow> MentorProfiles { get; } = new("mentor_profiles",
        [C("id", ColumnType.Uuid), C("user_id"), C("slug"), C("headline"), C("bio"), C("company"), C("university"), C("experience_years", ColumnType.Int4),
         C("expertise_areas", ColumnType.TextList), C("student_levels_served", ColumnType.Int4), C("primary_language"), C("time_zone"), C("city"),
         C("state"), C("country"), C("verification_status"), C("is_active", ColumnType.Bool), C("rating_average", ColumnType.Numeric),
         C("rating_count", ColumnType.Int4), C("sessions_completed", ColumnType.Int4), C("created_at", ColumnType.Timestamp),
         C("updated_at", ColumnType.Timestamp), C("hourly_rate_amount_minor", ColumnType.Bigint), C("hourly_rate_currency"),
         C("submitted_at", ColumnType.Timestamp)],
        m =>
        [[
            m.Id, m.User.Id, m.Slug, m.Headline, m.Bio, m.Company, m.University, m.ExperienceYears, m.ExpertiseAreas, m.StudentLevelsServed,
            m.PrimaryLanguage, m.TimeZone, m.City, m.State, m.Country, m.VerificationStatus, m.IsActive, m.RatingAverage, m.RatingCount,
            m.SessionsCompleted, m.CreatedAt, m.UpdatedAt, m.RateMinor, m.Currency, m.SubmittedAt,
        ]]);

    public static Table<MentorRow> MentorSubjects { get; } = new("mentor_subjects", [C("mentor_id", ColumnType.Uuid), C("subject_slug")],
        m => m.Subjects.Select(s => new object?[] { m.Id, s }));

    public static Table<MentorRow> MentorLanguages { get; } = new("mentor_languages", [C("mentor_id", ColumnType.Uuid), C("language_code")],
        m => m.Languages.Select(l => new object?[] { m.Id, l }));

    public static Table<MentorRow> MentorAvailability { get; } = new("mentor_availability",
        [C("mentor_id", ColumnType.Uuid), C("time_zone"), C("durations", ColumnType.IntList), C("buffer_minutes", ColumnType.Int4),
         C("min_notice_minutes", ColumnType.Int4), C("max_sessions_per_day", ColumnType.Int4), C("horizon_days", ColumnType.Int4),
         C("updated_at", ColumnType.Timestamp)],
        m => m.Availability is not { } a ? [] :
        [[a.MentorId, a.TimeZone, a.Durations, a.BufferMinutes, a.MinNoticeMinutes, a.MaxSessionsPerDay, a.HorizonDays, a.UpdatedAt]]);

    public static Table<MentorRow> MentorWeeklyHours { get; } = new("mentor_weekly_hours",
        [C("mentor_id", ColumnType.Uuid), C("day", ColumnType.Int4), C("start_minute", ColumnType.Int4), C("end_minute", ColumnType.Int4)],
        m => m.Availability?.Weekly.Select(w => new object?[] { m.Id, w.Day, w.Start, w.End }) ?? []);

    public static Table<MentorRow> MentorDateOverrides { get; } = new("mentor_date_overrides",
        [C("mentor_id", ColumnType.Uuid), C("date", ColumnType.Date)],
        m => m.Availability?.Overrides.Select(o => new object?[] { m.Id, o.Date }) ?? []);

    public static Table<MentorRow> MentorOverrideHours { get; } = new("mentor_override_hours",
        [C("mentor_id", ColumnType.Uuid), C("date", ColumnType.Date), C("start_minute", ColumnType.Int4), C("end_minute", ColumnType.Int4)],
        m => m.Availability?.Overrides.SelectMany(o => o.Hours.Select(h => new object?[] { m.Id, o.Date, h.Start, h.End })) ?? []);

    public static Table<StudentRow> StudentProfiles { get; } = new("student_profiles",
        [C("id", ColumnType.Uuid), C("user_id"), C("academic_level"), C("school_name"), C("board"), C("class_grade", ColumnType.Int4), C("stream"),
         C("subjects", ColumnType.TextList), C("university_name"), C("degree_type"), C("major"), C("minor"), C("semester", ColumnType.Int4),
         C("cgpa", ColumnType.Numeric), C("primary_language"), C("languages_spoken", ColumnType.TextList), C("field_of_study"),
         C("career_goals", ColumnType.TextList), C("interests", ColumnType.TextList), C("challenges", ColumnType.TextList), C("city"), C("state"),
         C("country"), C("time_zone"), C("created_at", ColumnType.Timestamp), C("updated_at", ColumnType.Timestamp)],
        s =>
        [[
            s.Id, s.User.Id, s.AcademicLevel, s.SchoolName, s.Board, s.ClassGrade, s.Stream, s.Subjects, s.UniversityName, s.DegreeType, s.Major,
            s.Minor, s.Semester, s.Cgpa, s.PrimaryLanguage, s.LanguagesSpoken, s.FieldOfStudy, s.CareerGoals, s.Interests, s.Challenges, s.City,
            s.State, s.Country, s.TimeZone, s.CreatedAt, s.UpdatedAt,
        ]]);
}
