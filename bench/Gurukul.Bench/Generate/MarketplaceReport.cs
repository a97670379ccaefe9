using System.Globalization;
using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors;
using Gurukul.Features.Profiles;

namespace Gurukul.Bench.Generate;

/// <summary>What was generated, in numbers and in examples read back through the app's model: does it look like a real marketplace?</summary>
public static class MarketplaceReport
{
    public static void PrintDistributions(MentorRow[] mentors, StudentRow[] students)
    {
        if (mentors.Length > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Mentors");
            Console.WriteLine($"  visible (approved and active): {Share(mentors.Count(m => m.IsPublic), mentors.Length)}; statuses: "
                + Top(mentors.Select(m => m.VerificationStatus + (m.IsActive ? "" : " (inactive)")), 12, mentors.Length));
            Console.WriteLine($"  first language: {Top(mentors.Select(m => m.PrimaryLanguage), 10, mentors.Length)}; "
                + $"{mentors.Select(m => m.PrimaryLanguage).Distinct().Count()} languages in all, {mentors.SelectMany(m => m.Languages).Distinct().Count()} spoken");
            Console.WriteLine($"  languages spoken each: {Histogram(mentors.Select(m => m.Languages.Count))}");
            var subjectUses = mentors.SelectMany(m => m.Subjects).ToList();
            Console.WriteLine($"  subjects: {subjectUses.Select(s => s).Distinct().Count()} used; top: {Top(subjectUses, 10, mentors.Length)}");
            Console.WriteLine($"  subjects each: {Histogram(mentors.Select(m => m.Subjects.Count))}");
            var inr = mentors.Where(m => m.Currency == "INR").Select(m => m.RateMinor / 100.0).Order().ToList();
            Console.WriteLine($"  hourly rate (INR): p10 ₹{P(inr, 10):N0}, median ₹{P(inr, 50):N0}, p90 ₹{P(inr, 90):N0}, min ₹{inr.FirstOrDefault():N0}, max ₹{inr.LastOrDefault():N0}; "
                + $"currencies: {Top(mentors.Select(m => m.Currency), 5, mentors.Length)}");
            var years = mentors.Select(m => (double)m.ExperienceYears).Order().ToList();
            Console.WriteLine($"  experience: median {P(years, 50)} years, p90 {P(years, 90)}, max {years.LastOrDefault()}");
            var rated = mentors.Where(m => m.RatingCount > 0).ToList();
            var counts = rated.Select(m => (double)m.RatingCount).Order().ToList();
            Console.WriteLine($"  ratings: {Share(rated.Count, mentors.Length)} rated; of those {Share(rated.Count(m => m.RatingAverage is >= 4.0m and < 5.0m), rated.Count)} "
                + $"in 4.0–4.9; review counts median {P(counts, 50)}, p90 {P(counts, 90)}, p99 {P(counts, 99)}, max {counts.LastOrDefault()}");
            Console.WriteLine($"  states: {Top(mentors.Select(m => m.State ?? "-"), 8, mentors.Length)}");
            Console.WriteLine($"  text in an Indian script (headline or bio): {Share(mentors.Count(m => HasIndianScript(m.Headline + m.Bio)), mentors.Length)}");
        }

        if (students.Length > 0)
        {
            Console.WriteLine("Students");
            Console.WriteLine($"  level: {Top(students.Select(s => s.AcademicLevel), 2, students.Length)}; under 16 with guardian consent: "
                + Share(students.Count(s => s.User.GuardianConsent == "granted"), students.Length));
            Console.WriteLine($"  first language: {Top(students.Select(s => s.PrimaryLanguage), 8, students.Length)}");
            Console.WriteLine($"  boards: {Top(students.Where(s => s.Board is not null).Select(s => s.Board!), 8, students.Count(s => s.Board is not null))}");
            Console.WriteLine($"  classes: {Top(students.Where(s => s.ClassGrade is not null).Select(s => "Class " + s.ClassGrade), 7, students.Count(s => s.ClassGrade is not null))}");
            Console.WriteLine($"  states: {Top(students.Select(s => s.State), 8, students.Length)}");
        }
    }

    public static void PrintSamples(List<MentorProfile> mentors, List<(User User, StudentProfile Profile)> students)
    {
        Console.WriteLine();
        Console.WriteLine("Sample mentors, read back through the app's EF model:");
        foreach (var m in mentors.OrderBy(m => m.User!.Email, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {m.User!.Name} · /mentors/{m.Slug} · {m.User.Email} · {m.VerificationStatus}{(m.IsActive ? "" : ", inactive")}");
            Console.WriteLine($"    \"{m.Headline}\"");
            Console.WriteLine($"    {Clip(m.Bio, 240)}");
            Console.WriteLine($"    {m.City}, {m.State}, {m.Country} ({m.TimeZone}) · {m.ExperienceYears} yrs · {m.HourlyRate.Major.ToString("N0", CultureInfo.InvariantCulture)} {m.HourlyRate.Currency}/h · "
                + $"★ {m.RatingAverage} ({m.RatingCount}) · {m.SessionsCompleted} sessions · levels {m.StudentLevelsServed}");
            Console.WriteLine($"    speaks {m.PrimaryLanguage} (first), {string.Join(" ", m.Languages.Select(l => l.LanguageCode).Order())} · "
                + $"subjects {string.Join(", ", m.Subjects.Select(s => s.SubjectSlug).Order(StringComparer.Ordinal))} · expertise: {string.Join("; ", m.ExpertiseAreas)}"
                + (m.Company is null ? "" : $" · {m.Company}") + (m.University is null ? "" : $" · {m.University}"));
        }

        Console.WriteLine("Sample students:");
        foreach (var (user, p) in students.OrderBy(s => s.User.Email, StringComparer.Ordinal))
        {
            var where = p.AcademicLevel == AcademicLevel.School
                ? $"Class {p.ClassGrade}{(p.Stream is null ? "" : " " + p.Stream)}, {p.Board}, {p.SchoolName}; subjects {string.Join(", ", p.Subjects)}"
                : $"{p.DegreeType} {p.Major}, semester {p.Semester}, CGPA {p.Cgpa}, {p.UniversityName}";
            Console.WriteLine($"  {user.Name} · {user.Email} · born {user.DateOfBirth?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)} · locale {user.Locale}{(user.GuardianEmail is null ? "" : " · guardian consent " + user.GuardianConsent.ToString().ToLowerInvariant())}");
            Console.WriteLine($"    {where}");
            Console.WriteLine($"    {p.City}, {p.State} · speaks {string.Join(" ", p.LanguagesSpoken)} · {p.FieldOfStudy} · goals: {string.Join("; ", p.CareerGoals)} · "
                + $"interests: {string.Join(", ", p.Interests)} · challenges: {string.Join(", ", p.Challenges)}");
        }
    }

    public static bool HasIndianScript(string text) => text.Any(c => c is >= '\u0900' and <= '\u0DFF' || c is >= '\u1C50' and <= '\u1C7F');

    private static string Top(IEnumerable<string> values, int count, int of) =>
        string.Join(", ", values.GroupBy(v => v).OrderByDescending(g => g.Count()).Take(count).Select(g => $"{g.Key} {Percent(g.Count(), of)}"));

    private static string Histogram(IEnumerable<int> values)
    {
        var list = values.ToList();
        return string.Join(", ", list.GroupBy(v => v).OrderBy(g => g.Key).Select(g => $"{g.Key}: {Percent(g.Count(), list.Count)}"));
    }

    private static string Share(int part, int whole) => $"{part:N0} ({Percent(part, whole)})";

    private static string Percent(int part, int whole) => whole == 0 ? "0%" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static double P(List<double> sorted, double percentile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
