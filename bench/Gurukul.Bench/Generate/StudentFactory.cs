using Gurukul.Bench.Catalog;

namespace Gurukul.Bench.Generate;

/// <summary>Makes student number <c>index + 1</c>: a school or college profile that fits their state, class and stream.</summary>
public sealed class StudentFactory(Catalogs catalogs, People people, int seed)
{
    public const int Kind = 2;

    private static readonly DateTime First = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // Board-exam and entrance years dominate.
    private static readonly WeightedSet<int> Grades = WeightedSet.From(new Dictionary<int, double> { [6] = 5, [7] = 6, [8] = 8, [9] = 12, [10] = 20, [11] = 22, [12] = 27 });
    private static readonly WeightedSet<int> SubjectCounts = WeightedSet.From(new Dictionary<int, double> { [3] = 25, [4] = 30, [5] = 22, [6] = 13, [7] = 6, [8] = 4 });
    private static readonly string[] Minors = ["Economics", "Psychology", "Data Science", "Mathematics", "Entrepreneurship"];

    // The exam-prep subject that goes with a board, for Class 10 and Class 12.
    private static readonly Dictionary<string, (string? Ten, string? Twelve)> BoardSubjects = new(StringComparer.Ordinal)
    {
        ["cbse"] = ("cbse-class-10", "cbse-class-12"), ["cisce"] = ("icse-class-10", "isc-class-12"),
        ["bseap"] = ("ap-ssc", null), ["bieap"] = (null, "ap-intermediate"), ["bsetelangana"] = ("telangana-ssc", null), ["tsbie"] = (null, "ts-intermediate"),
        ["msbshse"] = (null, "maharashtra-hsc"), ["tnbse"] = (null, "tamil-nadu-hsc"), ["kseab"] = (null, "karnataka-puc"),
        ["keralapareeksha"] = (null, "kerala-hse"), ["upmsp"] = ("up-board", "up-board"), ["bseb"] = ("bihar-board", "bihar-board"),
    };

    private readonly WeightedSet<DegreeInfo> _degrees = WeightedSet.From(catalogs.Education.Degrees, d => d.Weight);

    private sealed record Track(
        string Level, int Age, string Field, List<string> Goals, List<string> Subjects,
        string? SchoolName = null, string? Board = null, int? ClassGrade = null, string? Stream = null,
        string? University = null, string? DegreeType = null, string? Major = null, string? Minor = null, int? Semester = null, decimal? Cgpa = null);

    public StudentRow Create(int index)
    {
        var draw = Draw.For(seed, Kind, index);
        var home = people.PickHome(draw, mayLiveAbroad: false);
        var female = draw.Chance(0.48);
        var name = people.PickName(draw, home, female);
        var primary = people.PickPrimaryLanguage(draw, home, englishShare: 0.08, hindiShare: 0.1);
        var created = First + ((MentorFactory.Last - First) * Math.Sqrt(draw.Unit()));
        var track = draw.Chance(0.65) ? School(draw, home) : College(draw, home);
        var dob = MentorFactory.AsOf.AddYears(-track.Age).AddDays(-draw.Between(0, 364));
        var needsGuardian = track.Age < 16;
        var locale = primary is "te" or "hi" && draw.Chance(0.55) ? primary
            : home.RegionalLanguage == "te" && draw.Chance(0.15) ? "te" : "en";
        var user = new UserRow(
            draw.GuidV4().ToString(), name, BenchAccounts.StudentEmail(index + 1), locale, home.TimeZone, created, draw.Chance(0.97),
            draw.SecurityStamp(), draw.GuidV4().ToString(), dob,
            needsGuardian ? $"guardian.{index + 1}@{BenchAccounts.Domain}" : null,
            needsGuardian ? "granted" : "not_required",
            needsGuardian ? created.AddMinutes(draw.Between(5, 2 * 24 * 60)) : null);
        var goals = new List<string>(track.Goals);
        if (draw.Chance(0.3))
        {
            goals.Add(draw.Pick(catalogs.Education.Goals["any"]));
        }

        return new StudentRow
        {
            Id = draw.GuidV7(created),
            User = user,
            AcademicLevel = track.Level,
            SchoolName = track.SchoolName,
            Board = track.Board,
            ClassGrade = track.ClassGrade,
            Stream = track.Stream,
            Subjects = track.Subjects,
            UniversityName = track.University,
            DegreeType = track.DegreeType,
            Major = track.Major,
            Minor = track.Minor,
            Semester = track.Semester,
            Cgpa = track.Cgpa,
            PrimaryLanguage = primary,
            LanguagesSpoken = people.SpokenLanguages(draw, primary, home),
            FieldOfStudy = track.Field,
            CareerGoals = [.. goals.Distinct()],
            Interests = draw.DistinctZipf(catalogs.Education.Interests, draw.Between(1, 4), 0.2),
            Challenges = draw.DistinctZipf(catalogs.Education.Challenges, draw.Between(1, 3), 0.3),
            City = home.City,
            State = home.StateName,
            Country = home.Country,
            TimeZone = home.TimeZone,
            CreatedAt = created,
            UpdatedAt = created + ((MentorFactory.Last - created) * draw.Unit() * 0.5),
        };
    }

    private Track School(Draw draw, Home home)
    {
        var state = home.State!;
        var grade = draw.Weighted(Grades);
        var board = draw.Unit() switch
        {
            < 0.5 when state.Boards.Count > 0 => state.Boards[grade >= 11 && state.Boards.Count > 1 ? 1 : 0],
            < 0.88 => "cbse",
            < 0.96 => "cisce",
            < 0.98 => draw.Chance(0.5) ? "ib" : "cambridge",
            _ => "nios",
        };
        var stream = grade >= 11 ? draw.Weighted(WeightedSet.From(catalogs.Education.Streams[state.Streams])) : null;
        var examPrep = BoardSubjects.TryGetValue(board, out var prep) ? (grade >= 11 ? prep.Twelve : grade >= 9 ? prep.Ten : null) : null;
        var entrance = state.Subjects.GetValueOrDefault("entrance") ?? [];
        var language = state.Subjects.GetValueOrDefault("language") ?? (home.RegionalLanguage == "hi" ? ["school-hindi"] : []);
        var (field, goalKind, pool) = stream switch
        {
            "MPC" or "Science (PCM)" => ("Engineering", "engineering",
                (string?[])["school-mathematics", "school-physics", "school-chemistry", "jee-main", examPrep, .. entrance, "jee-advanced", "bitsat", "school-english", "school-computer-science", "viteee"]),
            "BiPC" or "Science (PCB)" => ("Medicine", "medical",
                ["school-biology", "neet-ug", "school-chemistry", "school-physics", examPrep, .. entrance, "school-english", "iiser-aptitude-test"]),
            "MEC" or "CEC" or "Commerce" => ("Commerce", "commerce",
                ["accountancy", "economics", "business-studies", "school-mathematics", examPrep, "ca-foundation", "cuet-ug", "school-english"]),
            "Humanities" => ("Humanities", "humanities", ["economics", "school-english", "cuet-ug", examPrep, "clat", "social-studies", "nid-nift-entrance"]),
            _ => (draw.Pick((string[])["Science", "Mathematics", "General studies"]), draw.Chance(0.6) ? "engineering" : "medical",
                ["school-mathematics", "school-english", "school-physics", "school-chemistry", "school-biology", examPrep, "social-studies", .. language,
                 "school-computer-science", "math-olympiad", "environmental-science"]),
        };
        var schools = catalogs.Education.Schools;
        var school = draw.Chance(0.6) || !schools.State.TryGetValue(state.Name, out var local) ? draw.Pick(schools.Chains) : draw.Pick(local);
        return new Track("school", grade + 5 + draw.Between(0, 1), field, Goals(draw, goalKind), AtLeastThree(draw, pool),
            SchoolName: $"{school}, {home.City}", Board: board, ClassGrade: grade, Stream: stream);
    }

    private Track College(Draw draw, Home home)
    {
        var degree = draw.Weighted(_degrees);
        var semester = draw.Between(1, degree.Semesters);
        var postgraduate = degree.Type is "M.Tech" or "MBA";
        var universities = catalogs.Education.Universities;
        var university = draw.Chance(0.65) && universities.TryGetValue(home.StateName, out var local) ? draw.Pick(local) : draw.Pick(universities["national"]);
        var cgpa = Math.Round((decimal)Math.Clamp(7.6 + (0.8 * draw.Normal()), 5.0, 9.9), 2);
        return new Track("college", 18 + ((semester - 1) / 2) + (postgraduate ? 4 : 0) + draw.Between(0, 1), degree.Field, Goals(draw, "college"), [],
            University: university, DegreeType: degree.Type, Major: draw.Weighted(WeightedSet.From(degree.Majors)),
            Minor: draw.Chance(0.08) ? draw.Pick(Minors) : null, Semester: semester, Cgpa: cgpa);
    }

    private List<string> Goals(Draw draw, string kind) => draw.DistinctZipf(catalogs.Education.Goals[kind], draw.Between(1, 2), 0.5);

    /// <summary>3–8 subjects (the app's rule for school profiles), the track's main subjects most likely.</summary>
    private static List<string> AtLeastThree(Draw draw, string?[] pool)
    {
        var subjects = pool.OfType<string>().Distinct().ToList();
        var chosen = draw.DistinctZipf(subjects, draw.Weighted(SubjectCounts), 0.7);
        chosen.AddRange(subjects.Where(s => !chosen.Contains(s)).Take(Math.Max(0, 3 - chosen.Count)));
        return chosen;
    }
}
