using Gurukul.Features.Matching;
using Gurukul.Features.Mentors;
using Gurukul.Features.Profiles;
using Xunit;

namespace Gurukul.Tests.Features.Matching;

/// <summary>
/// The ranking rules, checked over many generated students and mentors (seeded, so a failure reproduces): each property
/// must hold for every case, not for a hand-picked example.
/// </summary>
public sealed class MatchScorerPropertyTests
{
    private const int Cases = 500;
    private static readonly MatchWeights Weights = new();

    [Fact]
    public void DefaultWeights_SumToOne_AndEachIsBetweenZeroAndOne()
    {
        Assert.Equal(1.0, Weights.All.Sum(w => w.Weight), 9);
        Assert.All(Weights.All, w => Assert.InRange(w.Weight, 0, 1));
        Assert.True(new MatchingOptionsValidator().Validate(null, new MatchingOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0.40, 0.25)]
    [InlineData(-0.05, 0.40)]
    [InlineData(1.30, -0.55)]
    public void Validator_RefusesWeightsThatDoNotMakeAZeroToOneScore(double language, double academicLevel)
    {
        var options = new MatchingOptions { Weights = new MatchWeights { Language = language, AcademicLevel = academicLevel } };

        var result = new MatchingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Matching:Weights", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_IsAlwaysBetweenZeroAndOne_AndIsTheWeightedSumOfItsComponents()
    {
        var random = new Random(11);
        for (var i = 0; i < Cases; i++)
        {
            var student = Generate.Student(random);
            var result = MatchScorer.Score(student, Generate.Mentor(random), Weights);
            var c = result.Components;

            Assert.InRange(result.Score, 0, 1);
            Assert.All(new[] { c.LanguageMatch, c.AcademicLevel, c.FieldExpertise, c.LocationContext, c.CareerGoals, c.Rating, c.Availability, c.Experience },
                component => Assert.InRange(component, 0, 1));
            Assert.Equal(c.Score(Weights), result.Score);
        }
    }

    [Fact]
    public void Rank_TwoMentorsIdenticalButOneSpeaksTheStudentsFirstLanguage_ThatOneRanksHigher()
    {
        var random = new Random(12);
        for (var i = 0; i < Cases; i++)
        {
            var student = Generate.Student(random);
            var other = Generate.Mentor(random) with { Id = Guid.NewGuid() };
            var without = other with
            {
                PrimaryLanguage = Generate.LanguageOtherThan(random, student.Languages),
                Languages = new HashSet<string>(other.Languages.Where(l => l != student.PrimaryLanguage)),
                LevelsServed = student.LevelServed,
            };
            without = without with { Languages = new HashSet<string>(without.Languages.Append(without.PrimaryLanguage)) };
            var speaking = without with { Id = Guid.NewGuid(), Languages = new HashSet<string>(without.Languages.Append(student.PrimaryLanguage)) };

            var ranked = MatchScorer.Rank(student, Generate.Shuffled(random, [without, speaking]), Weights);

            Assert.Equal(speaking.Id, ranked[0].Mentor.Id);
            Assert.True(ranked[0].Score > ranked[1].Score);
        }
    }

    [Fact]
    public void LanguageMatch_FollowsItsTiers_SamePrimaryThenSpeaksItThenAnyCommonThenEnglishThenNone()
    {
        var student = Generate.Student(new Random(13)) with { PrimaryLanguage = "te", Languages = new HashSet<string> { "te", "hi", "en" } };
        var mentor = Generate.Mentor(new Random(14));

        double Match(string primary, params string[] others) =>
            MatchScorer.LanguageMatch(student, mentor with { PrimaryLanguage = primary, Languages = new HashSet<string>(others.Append(primary)) });

        Assert.Equal(1.0, Match("te"));
        Assert.Equal(0.9, Match("ta", "te"));
        Assert.Equal(0.7, Match("ta", "hi"));
        Assert.Equal(0.6, Match("ta", "en"));
        Assert.Equal(0.2, Match("ta", "kn"));
    }

    [Fact]
    public void Rank_NeverIncludesAMentorWhoDoesNotServeTheStudentsLevel()
    {
        var random = new Random(15);
        for (var i = 0; i < Cases / 5; i++)
        {
            var student = Generate.Student(random);
            var mentors = Enumerable.Range(0, 20).Select(_ => Generate.Mentor(random)).ToList();

            var ranked = MatchScorer.Rank(student, mentors, Weights);

            Assert.All(ranked, r => Assert.True(r.Mentor.LevelsServed.HasFlag(student.LevelServed)));
            Assert.Equal(mentors.Count(m => m.LevelsServed.HasFlag(student.LevelServed)), ranked.Count);
        }
    }

    [Fact]
    public void Score_TeachingOneMoreOfTheStudentsSubjects_NeverLowersIt()
    {
        var random = new Random(16);
        for (var i = 0; i < Cases; i++)
        {
            var student = Generate.Student(random);
            var mentor = Generate.Mentor(random);
            var missing = student.Subjects.Where(s => !mentor.Subjects.Contains(s)).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            var more = mentor with { Subjects = new HashSet<string>(mentor.Subjects.Append(missing[random.Next(missing.Count)])) };

            Assert.True(MatchScorer.Score(student, more, Weights).Score >= MatchScorer.Score(student, mentor, Weights).Score);
        }
    }

    [Fact]
    public void Score_CloserToTheStudent_NeverLowersIt_CityThenStateThenTimeZoneThenCountry()
    {
        var student = Generate.Student(new Random(17)) with { City = "Vijayawada", State = "Andhra Pradesh", Country = "IN", TimeZone = "Asia/Kolkata" };
        var far = Generate.Mentor(new Random(18)) with { City = "Austin", State = "Texas", Country = "US", TimeZone = "America/Chicago" };

        var scores = new[]
        {
            far,
            far with { Country = "IN", TimeZone = "Asia/Dubai", City = "Pune", State = "Maharashtra" },
            far with { Country = "IN", TimeZone = "Asia/Kolkata", City = "Pune", State = "Maharashtra" },
            far with { Country = "IN", TimeZone = "Asia/Kolkata", City = "Guntur", State = "andhra pradesh" },
            far with { Country = "IN", TimeZone = "Asia/Kolkata", City = "vijayawada ", State = "Andhra Pradesh" },
        }.Select(m => MatchScorer.Score(student, m, Weights).Components.LocationContext).ToList();

        Assert.Equal([0, 0.2, 0.4, 0.7, 1.0], scores);
    }

    [Theory]
    [InlineData("लखनऊ", "उत्तर प्रदेश", "Lucknow", "Uttar Pradesh")]
    [InlineData("Vizag", "AP", "Visakhapatnam", "Andhra Pradesh")]
    [InlineData("Bangalore", "Karnataka", "Bengaluru", "Karnataka")]
    [InlineData("హైదరాబాదు", "తెలంగాణ", "Hyderabad", "Telangana")]
    public void Location_TheSameCityInAnotherSpellingOrScript_IsTheSameCity(string studentCity, string studentState, string mentorCity, string mentorState)
    {
        var student = Generate.Student(new Random(21)) with { City = studentCity, State = studentState, Country = "IN", TimeZone = "Asia/Kolkata" };
        var mentor = Generate.Mentor(new Random(22)) with { City = mentorCity, State = mentorState, Country = "IN", TimeZone = "Asia/Kolkata" };

        Assert.Equal(1.0, MatchScorer.Score(student, mentor, Weights).Components.LocationContext);
        Assert.Equal(0.4, MatchScorer.Score(student, mentor with { City = "Pune", State = "Maharashtra" }, Weights).Components.LocationContext);
    }

    [Fact]
    public void Rank_IsTheSameWhateverOrderTheCandidatesArriveIn()
    {
        var random = new Random(19);
        for (var i = 0; i < Cases / 5; i++)
        {
            var student = Generate.Student(random);
            var mentors = Enumerable.Range(0, 15).Select(_ => Generate.Mentor(random) with { LevelsServed = StudentLevels.School | StudentLevels.College }).ToList();

            var first = MatchScorer.Rank(student, mentors, Weights).Select(r => r.Mentor.Id);
            var second = MatchScorer.Rank(student, Generate.Shuffled(random, mentors), Weights).Select(r => r.Mentor.Id);

            Assert.Equal(first, second);
        }
    }

    [Fact]
    public void Rating_AFewPerfectReviews_DoNotOutrankManyExcellentOnes_AndNoneIsMiddling()
    {
        var mentor = Generate.Mentor(new Random(20));

        var one = MatchScorer.Rating(mentor with { RatingAverage = 5.0m, RatingCount = 1 });
        var hundred = MatchScorer.Rating(mentor with { RatingAverage = 4.8m, RatingCount = 100 });
        var none = MatchScorer.Rating(mentor with { RatingAverage = 0, RatingCount = 0 });

        Assert.True(hundred > one);
        Assert.Equal(0.7, none, 9);
    }

    [Fact]
    public void SubjectsNamedIn_AMajorNamesItsSubjects_AndNothingElse()
    {
        var taxonomy = new Dictionary<string, string>
        {
            ["computer-science"] = "Computer Science", ["mechanical-engineering"] = "Mechanical Engineering",
            ["civil-engineering"] = "Civil Engineering", ["school-physics"] = "Physics",
        };

        Assert.Equal(["computer-science"], StudentMatchProfile.SubjectsNamedIn("B.Tech Computer Science", taxonomy));
        Assert.Equal(["mechanical-engineering", "civil-engineering"], StudentMatchProfile.SubjectsNamedIn("Engineering", taxonomy));
        Assert.Empty(StudentMatchProfile.SubjectsNamedIn("Commerce", taxonomy));
    }

    /// <summary>Students and mentors drawn from the marketplace's own kinds of values.</summary>
    private static class Generate
    {
        private static readonly string[] Languages = ["en", "hi", "te", "ta", "kn", "mr", "bn", "ur"];
        private static readonly string[] Subjects = ["school-physics", "school-chemistry", "school-mathematics", "school-biology", "computer-science", "economics", "school-telugu"];
        private static readonly string[] Words = ["jee", "neet", "iit", "upsc", "coding", "design", "physics", "research", "data", "banking"];
        private static readonly (string City, string State, string Zone)[] Places =
            [("Hyderabad", "Telangana", "Asia/Kolkata"), ("Vijayawada", "Andhra Pradesh", "Asia/Kolkata"), ("Pune", "Maharashtra", "Asia/Kolkata"), ("Dubai", "Dubai", "Asia/Dubai")];

        public static StudentFacts Student(Random random)
        {
            var primary = Pick(random, Languages);
            var place = Pick(random, Places);
            return new StudentFacts(
                random.Next(2) == 0 ? AcademicLevel.School : AcademicLevel.College,
                primary,
                new HashSet<string>(Some(random, Languages, 0, 2).Append(primary)),
                new HashSet<string>(Some(random, Subjects, 0, 4)),
                [.. Some(random, Words, 0, 2)],
                [.. Some(random, Words, 0, 3)],
                place.City, place.State, place.State == "Dubai" ? "AE" : "IN", place.Zone);
        }

        public static MentorFacts Mentor(Random random)
        {
            var primary = Pick(random, Languages);
            var place = Pick(random, Places);
            return new MentorFacts(
                Guid.NewGuid(),
                (StudentLevels)random.Next(1, 4),
                primary,
                new HashSet<string>(Some(random, Languages, 0, 3).Append(primary)),
                new HashSet<string>(Some(random, Subjects, 1, 4)),
                new HashSet<string>(Some(random, Words, 0, 5)),
                random.Next(5) == 0 ? null : place.City, random.Next(5) == 0 ? null : place.State, place.State == "Dubai" ? "AE" : "IN", place.Zone,
                Math.Round((decimal)(random.NextDouble() * 5), 2), random.Next(0, 300), random.Next(0, 40));
        }

        public static string LanguageOtherThan(Random random, IReadOnlySet<string> taken) => Pick(random, [.. Languages.Where(l => !taken.Contains(l))]);

        public static List<T> Shuffled<T>(Random random, IEnumerable<T> items) => [.. items.OrderBy(_ => random.Next())];

        private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private static IEnumerable<string> Some(Random random, string[] items, int min, int max) =>
            items.OrderBy(_ => random.Next()).Take(random.Next(min, max + 1));
    }
}
