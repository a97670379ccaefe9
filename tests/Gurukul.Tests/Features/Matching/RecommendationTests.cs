using System.Net;
using System.Text.Json;
using Gurukul.Features.Matching;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Discovery;
using Gurukul.Tests.Features.Verification;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Features.Matching;

/// <summary><c>GET /api/v1/recommendations/mentors</c>: who is recommended, in what order, why, and how lists follow profile changes.</summary>
public sealed class RecommendationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    // A physics, chemistry and maths mentor for class 11–12 students in Andhra Pradesh; tests vary the language.
    private static Action<ProfileBody> Physics(string primary, string city = "Gudivada", string state = "Andhra Pradesh", string level = "school") => body =>
    {
        body.PrimaryLanguage = primary;
        body.LanguagesSpoken = ["en"];
        body.Subjects = ["school-physics", "school-chemistry", "school-mathematics"];
        body.StudentLevelsServed = [level];
        body.ExpertiseAreas = ["JEE Advanced problem solving"];
        body.City = city;
        body.State = state;
    };

    [Theory, AllProviders]
    public async Task Get_TheMentorWhoSpeaksTheStudentsFirstLanguage_RanksAboveAnOtherwiseIdenticalOne_WithScoreComponentsAndReasons(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var hindi = await SearchSetup.CreateAsync(app, client, "Hindi Physics Mentor", Physics("hi"));
        var telugu = await SearchSetup.CreateAsync(app, client, "Telugu Physics Mentor", Physics("te"));
        var (student, _) = await RecommendationApi.StudentAsync(client);

        var items = await RecommendationApi.ItemsAsync(client, student);

        var teluguRank = RecommendationApi.RankOf(items, telugu.Id);
        Assert.InRange(teluguRank, 0, RecommendationApi.RankOf(items, hindi.Id) - 1);
        var best = items[teluguRank];
        var components = best.GetProperty("components");
        Assert.Equal(1.0, components.GetProperty("languageMatch").GetDouble());
        Assert.Equal(0.6, items[RecommendationApi.RankOf(items, hindi.Id)].GetProperty("components").GetProperty("languageMatch").GetDouble());
        Assert.Equal(1.0, components.GetProperty("fieldExpertise").GetDouble());
        Assert.Equal(1.0, components.GetProperty("locationContext").GetDouble());
        Assert.Equal(1.0, components.GetProperty("careerGoals").GetDouble());
        var weights = new MatchWeights();
        var expected = weights.All.Zip(new[] { "languageMatch", "academicLevel", "fieldExpertise", "locationContext", "careerGoals", "rating", "availability", "experience" })
            .Sum(w => w.First.Weight * components.GetProperty(w.Second).GetDouble());
        Assert.Equal(expected, best.GetProperty("score").GetDouble(), 3);
        var reasons = Reasons(best);
        Assert.Equal("Speaks Telugu, your first language", reasons[0]);
        Assert.Contains(reasons, r => r.StartsWith("Teaches ", StringComparison.Ordinal) && r.Contains("Physics", StringComparison.Ordinal));
        Assert.Contains("Can help with your goal: JEE Advanced", reasons);
        Assert.Equal(telugu.Slug, best.GetProperty("mentor").GetProperty("slug").GetString());
        // Best first.
        Assert.Equal(items.Select(Score).OrderDescending(), items.Select(Score));
    }

    [Theory, AllProviders]
    public async Task Get_InTelugu_GivesTheReasonsInTelugu(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var telugu = await SearchSetup.CreateAsync(app, client, "Telugu Reasons Mentor", Physics("te"));
        var (student, _) = await RecommendationApi.StudentAsync(client);

        var english = await RecommendationApi.ItemsAsync(client, student, "en");
        var inTelugu = await RecommendationApi.ItemsAsync(client, student, "te");

        Assert.Contains("Speaks Telugu, your first language", Reasons(english[RecommendationApi.RankOf(english, telugu.Id)]));
        var reasons = Reasons(inTelugu[RecommendationApi.RankOf(inTelugu, telugu.Id)]);
        Assert.Equal("తెలుగు మాట్లాడతారు, మీ మొదటి భాష", reasons[0]);
        Assert.Contains("అదే నగరం: Gudivada", reasons);
    }

    [Theory, AllProviders]
    public async Task Get_RecommendsOnlyApprovedActiveMentorsWhoServeTheStudentsLevel(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var approved = await SearchSetup.CreateAsync(app, client, "Approved Match", Physics("te"));
        var pending = await SearchSetup.CreateAsync(app, client, "Pending Match", Physics("te"), VerificationStatus.Pending);
        var paused = await SearchSetup.CreateAsync(app, client, "Paused Match", Physics("te"), active: false);
        var collegeOnly = await SearchSetup.CreateAsync(app, client, "College Match", Physics("te", level: "college"));
        var (student, _) = await RecommendationApi.StudentAsync(client);

        var items = await RecommendationApi.ItemsAsync(client, student);

        Assert.InRange(RecommendationApi.RankOf(items, approved.Id), 0, 49);
        Assert.All(new[] { pending.Id, paused.Id, collegeOnly.Id }, id => Assert.Equal(-1, RecommendationApi.RankOf(items, id)));
        Assert.All(items, i => Assert.Contains("school", LevelsOf(app, i)));
    }

    [Theory, AllProviders]
    public async Task Get_WithoutAStudentProfile_Is409_AndABadLimitIs400NamingIt(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var (noProfile, _) = await client.RegisterAsync(ApiClient.NewEmail());
        var (student, _) = await RecommendationApi.StudentAsync(client);

        var conflict = await (await RecommendationApi.GetAsync(client, noProfile)).JsonAsync(HttpStatusCode.Conflict);
        var tooMany = await (await RecommendationApi.GetAsync(client, student, "limit=51")).JsonAsync(HttpStatusCode.BadRequest);
        var none = await (await RecommendationApi.GetAsync(client, student, "limit=0")).JsonAsync(HttpStatusCode.BadRequest);
        var ten = await (await RecommendationApi.GetAsync(client, student, "")).JsonAsync(HttpStatusCode.OK);

        Assert.Contains("profile", conflict.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["limit"], tooMany.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(["limit"], none.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.InRange(ten.GetProperty("items").GetArrayLength(), 1, RecommendationService.DefaultLimit);
    }

    [Theory, AllProviders]
    public async Task AMentorAddingTheStudentsLanguage_ReachesTheStoredList_ThroughTheJobRunner(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var body = new ProfileBody();
        Physics("hi")(body);
        var mentor = await SearchSetup.CreateAsync(app, client, "Learning Telugu Mentor", Physics("hi"));
        var (student, _) = await RecommendationApi.StudentAsync(client);
        var before = await RecommendationApi.ItemsAsync(client, student);
        Assert.Equal(0.6, LanguageMatch(before, mentor.Id));

        body.LanguagesSpoken = ["en", "te"];
        await (await SearchSetup.PutProfileAsync(client, mentor.Token, body)).JsonAsync(HttpStatusCode.OK);

        await Poll.UntilAsync(async () => LanguageMatch(await RecommendationApi.ItemsAsync(client, student), mentor.Id) == 0.9,
            "the edited mentor is rescored in the student's list");
    }

    [Theory, AllProviders]
    public async Task ApprovingAMentor_PutsThemInTheListsTheyFit(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var newcomer = await SearchSetup.CreateAsync(app, client, "Newly Approved Mentor", Physics("te"), VerificationStatus.BackgroundCheckInProgress);
        var (student, _) = await RecommendationApi.StudentAsync(client);
        Assert.Equal(-1, RecommendationApi.RankOf(await RecommendationApi.ItemsAsync(client, student), newcomer.Id));
        var (admin, _) = await app.StaffTokenAsync(client);

        await (await client.MoveAsync(admin, newcomer.Id.ToString(), "approved", "Checks passed")).JsonAsync(HttpStatusCode.OK);

        await Poll.UntilAsync(async () => RecommendationApi.RankOf(await RecommendationApi.ItemsAsync(client, student), newcomer.Id) >= 0,
            "the approved mentor appears in the student's recommendations");
    }

    [Theory, AllProviders]
    public async Task AStudentChangingTheirFirstLanguage_GetsTheirListRescored(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var hindi = await SearchSetup.CreateAsync(app, client, "Hindi Speaking Mentor", Physics("hi"));
        var profile = new StudentBody();
        var (student, _) = await RecommendationApi.StudentAsync(client);
        Assert.Equal(0.6, LanguageMatch(await RecommendationApi.ItemsAsync(client, student), hindi.Id));

        profile.PrimaryLanguage = "hi";
        await (await RecommendationApi.PutProfileAsync(client, student, profile)).JsonAsync(HttpStatusCode.OK);

        await Poll.UntilAsync(async () => LanguageMatch(await RecommendationApi.ItemsAsync(client, student), hindi.Id) == 1.0,
            "the student's list is rescored with their new first language");
        var items = await RecommendationApi.ItemsAsync(client, student);
        Assert.Equal("Speaks Hindi, your first language", Reasons(items[RecommendationApi.RankOf(items, hindi.Id)])[0]);
    }

    [Theory, AllProviders]
    public async Task Get_ReadsTheStoredList_WithoutScoringAgain_UntilSomethingChanges(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, userId) = await RecommendationApi.StudentAsync(client);
        await RecommendationApi.ItemsAsync(client, student);
        var first = await ComputedAtAsync(app, userId);

        await RecommendationApi.ItemsAsync(client, student);
        Assert.Equal(first, await ComputedAtAsync(app, userId));

        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<RecommendationInvalidation>().MarkStaleAsync(userId, CancellationToken.None);
        }

        await RecommendationApi.ItemsAsync(client, student);
        await using var check = app.Scope();
        var list = await check.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<RecommendationList>().AsNoTracking().SingleAsync(l => l.StudentUserId == userId);
        Assert.False(list.IsStale);
        Assert.True(list.ComputedAt > first);
    }

    private static async Task<NodaTime.Instant> ComputedAtAsync(GurukulApp app, string userId)
    {
        // The profile's own job may still be scoring: wait for the list to settle before reading its time.
        NodaTime.Instant? seen = null;
        await Poll.UntilAsync(async () =>
        {
            await using var scope = app.Scope();
            var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
            var pending = await db.Set<Gurukul.Platform.Jobs.Job>().AnyAsync(j => j.Kind == RecommendationInvalidation.StudentChangedJob
                && j.Status != Gurukul.Platform.Jobs.JobStatus.Succeeded && j.Payload.Contains(userId));
            seen = (await db.Set<RecommendationList>().AsNoTracking().SingleOrDefaultAsync(l => l.StudentUserId == userId))?.ComputedAt;
            return !pending && seen is not null;
        }, "the student's list is stored and no rescoring is queued");
        return seen!.Value;
    }

    private static List<string> Reasons(JsonElement item) => [.. item.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)];

    private static double Score(JsonElement item) => item.GetProperty("score").GetDouble();

    private static double LanguageMatch(List<JsonElement> items, Guid mentorId) =>
        items[RecommendationApi.RankOf(items, mentorId)].GetProperty("components").GetProperty("languageMatch").GetDouble();

    private static List<string> LevelsOf(GurukulApp app, JsonElement item)
    {
        using var scope = app.Services.CreateScope();
        var id = Guid.Parse(item.GetProperty("mentor").GetProperty("id").GetString()!);
        var levels = scope.ServiceProvider.GetRequiredService<GurukulDbContext>().MentorProfiles.Where(m => m.Id == id).Select(m => m.StudentLevelsServed).Single();
        return [.. StudentLevelNames.Of(levels)];
    }
}

/// <summary>The weights are configuration: changing them changes rankings without a code change, and nonsense stops start-up.</summary>
public sealed class RecommendationWeightsTests
{
    [Fact]
    public async Task WeightsFromConfiguration_ChangeTheRanking_AndRescoreStoredLists()
    {
        var onlyPlace = new Dictionary<string, string?>
        {
            ["Matching:Weights:Language"] = "0", ["Matching:Weights:AcademicLevel"] = "0", ["Matching:Weights:Field"] = "0",
            ["Matching:Weights:Location"] = "1", ["Matching:Weights:CareerGoals"] = "0", ["Matching:Weights:Rating"] = "0",
            ["Matching:Weights:Availability"] = "0", ["Matching:Weights:Experience"] = "0",
        };
        await using var app = await GurukulApp.StartAsync(DatabaseProvider.Sqlite, onlyPlace);
        var client = app.CreateClient();
        var sameLanguage = await SearchSetup.CreateAsync(app, client, "Far Telugu Mentor", body =>
        {
            body.PrimaryLanguage = "te";
            body.Subjects = ["school-physics"];
            body.City = "Austin";
            body.State = "Texas";
            body.Country = "US";
            body.Timezone = "America/Chicago";
        });
        var sameCity = await SearchSetup.CreateAsync(app, client, "Near Hindi Mentor", body =>
        {
            body.PrimaryLanguage = "hi";
            body.City = "Gudivada";
            body.State = "Andhra Pradesh";
        });
        var (student, _) = await RecommendationApi.StudentAsync(client);

        var items = await RecommendationApi.ItemsAsync(client, student);

        Assert.InRange(RecommendationApi.RankOf(items, sameCity.Id), 0, RecommendationApi.RankOf(items, sameLanguage.Id) - 1);
        var near = items[RecommendationApi.RankOf(items, sameCity.Id)];
        Assert.Equal(1.0, near.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task WeightsThatDoNotSumToOne_StopTheAppFromStarting_NamingTheSetting()
    {
        var settings = new Dictionary<string, string?> { ["Matching:Weights:Language"] = "0.5" };

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await GurukulApp.StartAsync(DatabaseProvider.Sqlite, settings);
        });

        var validation = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(failure.GetBaseException());
        Assert.Contains("Matching:Weights must sum to 1", validation.Message, StringComparison.Ordinal);
    }
}
