using Gurukul.Bench.Catalog;

namespace Gurukul.Bench.Generate;

/// <summary>Makes mentor number <c>index + 1</c>: the same mentor for the same seed, every time.</summary>
public sealed class MentorFactory(Catalogs catalogs, ReferenceSeed reference, People people, int seed)
{
    public const int Kind = 1;

    /// <summary>Sign-ups span three years and grow over time (more recent ones are more likely).</summary>
    public static readonly DateTime First = new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Last = new(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateOnly AsOf = new(2026, 1, 1);

    private readonly WeightedSet<Persona> _personas = WeightedSet.From(catalogs.Personas.Personas, p => p.Weight);
    private readonly MentorText _text = new(catalogs, reference);

    // ~85% approved and active; the rest spread over the workflow's other states (and paused profiles).
    private static readonly WeightedSet<(string Status, bool Active)> Statuses = WeightedSet.From(new Dictionary<(string, bool), double>
    {
        [("approved", true)] = 85, [("approved", false)] = 4, [("pending", true)] = 3, [("documents_under_review", true)] = 2,
        [("background_check_in_progress", true)] = 1.2, [("interview_scheduled", true)] = 0.8, [("trial_session_required", true)] = 0.5,
        [("rejected", true)] = 1.5, [("suspended", false)] = 0.5, [("reapplication_required", true)] = 0.5, [("draft", true)] = 1,
    });

    private static readonly WeightedSet<int> SubjectCounts = WeightedSet.From(new Dictionary<int, double>
    {
        [1] = 10, [2] = 20, [3] = 25, [4] = 20, [5] = 12, [6] = 7, [7] = 4, [8] = 2,
    });

    public MentorRow Create(int index)
    {
        var draw = Draw.For(seed, Kind, index);
        var home = people.PickHome(draw, mayLiveAbroad: true);
        var persona = draw.Weighted(_personas);
        var female = draw.Chance(0.45);
        var name = people.PickName(draw, home, female);
        if ((persona.Key == "medicine" && draw.Chance(0.7)) || (persona.Key == "college-science" && draw.Chance(0.3)))
        {
            name = "Dr. " + name;
        }

        var primary = people.PickPrimaryLanguage(draw, home, englishShare: 0.22, hindiShare: 0.12);
        var subjects = PickSubjects(draw, persona, home, primary);
        // Skewed young (median about 5 years), a long tail to 40; a few have just started.
        var years = draw.Chance(0.04) ? 0 : Math.Min(40, 1 + (int)Math.Floor(-Math.Log(1.0 - draw.Unit()) * ((persona.ExpMean ?? 6.5) - 1)));
        var company = draw.Chance(0.55) ? draw.Pick(catalogs.Personas.Companies[catalogs.Personas.PersonaCompanies[persona.Key]]) : null;
        var university = draw.Chance(0.8) ? PickUniversity(draw, home.Roots.Name) : null;
        var (headline, bio) = _text.Write(draw, new MentorText.Context(persona, subjects, years, home.City, company, university, primary, female));
        var (status, active) = draw.Weighted(Statuses);
        var reviewed = status is "approved" or "suspended";
        var ratingCount = reviewed && draw.Chance(0.82) ? draw.ParetoCount(0.9, 5, 2500) : 0;
        var created = First + (Last - First) * Math.Sqrt(draw.Unit());
        var submitted = status == "draft" ? (DateTime?)null : created.AddDays(draw.Unit() * 14);
        var updated = Max(submitted ?? created, created + (Last - created) * draw.Unit());
        var (rate, currency) = Rate(draw, persona, years, home);

        return new MentorRow
        {
            Id = draw.GuidV7(created),
            User = User(draw, index, name, primary, home, created, years),
            Persona = persona.Key,
            Headline = headline,
            Bio = bio,
            Company = company,
            University = university,
            ExperienceYears = years,
            ExpertiseAreas = draw.DistinctZipf(persona.Expertise, draw.Between(1, 4), 0.3),
            StudentLevelsServed = Levels(draw, persona),
            PrimaryLanguage = primary,
            Languages = people.SpokenLanguages(draw, primary, home),
            Subjects = subjects,
            TimeZone = home.TimeZone,
            City = home.City,
            State = home.StateName,
            Country = home.Country,
            VerificationStatus = status,
            IsActive = active,
            RatingCount = ratingCount,
            RatingAverage = ratingCount == 0 ? 0m : Rating(draw, ratingCount),
            SessionsCompleted = ratingCount == 0 ? (reviewed ? draw.Between(0, 3) : 0) : (ratingCount * draw.Between(2, 5)) + draw.Between(0, 10),
            CreatedAt = created,
            UpdatedAt = updated,
            SubmittedAt = submitted,
            RateMinor = rate,
            Currency = currency,
        };
    }

    private static UserRow User(Draw draw, int index, string name, string primary, Home home, DateTime created, int years)
    {
        var locale = primary is "te" or "hi" && draw.Chance(0.3) ? primary : "en";
        var age = 22 + years + draw.Between(0, 6);
        return new UserRow(
            draw.GuidV4().ToString(), name, BenchAccounts.MentorEmail(index + 1), locale, home.TimeZone, created, draw.Chance(0.97),
            draw.SecurityStamp(), draw.GuidV4().ToString(), AsOf.AddYears(-age).AddDays(-draw.Between(0, 364)), null, "not_required", null);
    }

    /// <summary>One of the archetype's subject groups that fits the mentor (Zipf over the groups), then 1–8 subjects from it (Zipf).</summary>
    private static List<string> PickSubjects(Draw draw, Persona persona, Home home, string primary)
    {
        var groups = persona.Groups.Where(g => g.Languages is null || g.Languages.Contains(primary) || g.Languages.Contains(home.RegionalLanguage)).ToList();
        var group = groups[draw.ZipfRank(groups.Count)];
        var pool = group.Subjects.SelectMany(s => s.StartsWith('$') ? StateSubjects(home, s[1..]) : [s]).Distinct().ToList();
        return draw.DistinctZipf(pool, draw.Weighted(SubjectCounts));
    }

    private static List<string> StateSubjects(Home home, string kind)
    {
        if (home.State is null)
        {
            return [];
        }

        if (home.State.Subjects.TryGetValue(kind, out var subjects))
        {
            return subjects;
        }

        return kind == "language" && home.RegionalLanguage == "hi" ? ["school-hindi"] : [];
    }

    private string PickUniversity(Draw draw, string state) =>
        draw.Chance(0.6) && catalogs.Education.Universities.TryGetValue(state, out var local)
            ? draw.Pick(local)
            : draw.Pick(catalogs.Education.Universities["national"]);

    private static int Levels(Draw draw, Persona persona) => persona.Levels.Count == 1
        ? (persona.Levels[0] == "school" ? 1 : 2)
        : draw.Unit() switch { < 0.5 => 3, < 0.75 => 1, _ => 2 };

    /// <summary>Log-normal around ₹600 an hour (₹200–₹5,000, round numbers), higher for experience and some fields; USD/AED abroad.</summary>
    private static (long Minor, string Currency) Rate(Draw draw, Persona persona, int years, Home home)
    {
        var shift = persona.PriceShift + (0.025 * (years - 5));
        if (home.Abroad is { } abroad)
        {
            var major = Math.Clamp(abroad.MedianMajor * Math.Exp(shift + (0.4 * draw.Normal())), abroad.MedianMajor / 3, abroad.MedianMajor * 6);
            return ((long)Math.Round(major / 5) * 5 * 100, abroad.Currency);
        }

        var rupees = Math.Clamp(520 * Math.Exp(shift + (0.5 * draw.Normal())), 200, 5000);
        var step = rupees < 1000 ? 50 : 100;
        return ((long)(Math.Round(rupees / step) * step) * 100, "INR");
    }

    /// <summary>
    /// The average of whole-star reviews around the mentor's own quality: mostly 4.0–4.9, and a mentor with one or two
    /// reviews has a round 4 or 5 (or, now and then, worse) as on real marketplaces.
    /// </summary>
    private static decimal Rating(Draw draw, int count)
    {
        var quality = Math.Clamp(4.45 + (0.3 * draw.Normal()), 2.5, 5.2);
        double Star() => Math.Clamp(Math.Round(quality + (0.8 * draw.Normal())), 1, 5);
        var average = count <= 50
            ? Enumerable.Range(0, count).Select(_ => Star()).Average()
            : Math.Clamp(quality - 0.15 + (0.8 / Math.Sqrt(count) * draw.Normal()), 1, 5);
        return Math.Round((decimal)average, 2);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
