using System.Net;
using Gurukul.Features.Matching;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Mentors;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Matching.PreferenceSetup;

namespace Gurukul.Tests.Features.Matching;

/// <summary>POST and GET /api/v1/me/mentor-preferences: favourites, hidden mentors, and every answer a client can get.</summary>
public sealed class MentorPreferenceApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Favorite_ListsTheMentor_AndUnfavorite_RemovesTheRow(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var (mentor, slug) = await MentorAsync(app);

        await SetOkAsync(client, student.Token, mentor, "favorite");
        var favourites = await ListAsync(client, student.Token);
        Assert.Equal([mentor.ToString()], Ids(favourites));
        Assert.Equal(slug, favourites.GetProperty("items")[0].GetProperty("slug").GetString());
        Assert.True(favourites.GetProperty("items")[0].GetProperty("verified").GetBoolean());
        Assert.Empty(Ids(await ListAsync(client, student.Token, "kind=hidden")));

        await SetOkAsync(client, student.Token, mentor, "unfavorite");
        Assert.Null(await RowAsync(app, student.UserId, mentor));
        Assert.Empty(Ids(await ListAsync(client, student.Token)));
    }

    [Theory, AllProviders]
    public async Task Hide_ThenUnhide_RemovesTheRow(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var (mentor, _) = await MentorAsync(app);

        await SetOkAsync(client, student.Token, mentor, "hide");
        var hidden = await RowAsync(app, student.UserId, mentor);
        Assert.True(hidden is { IsHidden: true, IsFavorite: false });
        Assert.Equal([mentor.ToString()], Ids(await ListAsync(client, student.Token, "kind=hidden")));

        await SetOkAsync(client, student.Token, mentor, "unhide");
        Assert.Null(await RowAsync(app, student.UserId, mentor));
    }

    [Theory, AllProviders]
    public async Task Favorite_OfAHiddenMentor_UnhidesThem_AndHidingAFavourite_UnfavouritesThem(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var (mentor, _) = await MentorAsync(app);

        await SetOkAsync(client, student.Token, mentor, "hide");
        await SetOkAsync(client, student.Token, mentor, "favorite");
        Assert.True(await RowAsync(app, student.UserId, mentor) is { IsFavorite: true, IsHidden: false });
        Assert.Empty(Ids(await ListAsync(client, student.Token, "kind=hidden")));

        await SetOkAsync(client, student.Token, mentor, "hide");
        Assert.True(await RowAsync(app, student.UserId, mentor) is { IsFavorite: false, IsHidden: true });
        Assert.Empty(Ids(await ListAsync(client, student.Token)));
    }

    [Theory, AllProviders]
    public async Task Favorite_AnUnapprovedMentor_Is404_LikeAnUnknownOrMalformedId(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var pending = await MentorSetup.CreateAsync(app, client, "Pending Mentor", Gurukul.Features.Mentors.VerificationStatus.Pending);

        var unapproved = await (await SetAsync(client, student.Token, pending.Id, "favorite")).JsonAsync(HttpStatusCode.NotFound);
        await (await SetAsync(client, student.Token, pending.Id, "hide")).JsonAsync(HttpStatusCode.NotFound);
        var unknown = await (await SetAsync(client, student.Token, Guid.NewGuid(), "favorite")).JsonAsync(HttpStatusCode.NotFound);
        await (await SetAsync(client, student.Token, Guid.NewGuid(), "unhide")).JsonAsync(HttpStatusCode.NotFound);
        await (await SetAsync(client, student.Token, "not-a-guid", "favorite")).JsonAsync(HttpStatusCode.NotFound);

        Assert.Equal(unknown.GetProperty("detail").GetString(), unapproved.GetProperty("detail").GetString());
        Assert.Null(await RowAsync(app, student.UserId, pending.Id));
    }

    [Theory, AllProviders]
    public async Task TakingBack_IsAnIdempotentSuccess_EvenForAMentorNoLongerPublic(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var (mentor, _) = await MentorAsync(app);
        await SetOkAsync(client, student.Token, mentor, "unfavorite");
        await SetOkAsync(client, student.Token, mentor, "unhide");
        await SetOkAsync(client, student.Token, mentor, "hide");

        await MentorSetup.MoveToAsync(app, mentor, Gurukul.Features.Mentors.VerificationStatus.Suspended);
        Assert.Empty(Ids(await ListAsync(client, student.Token, "kind=hidden")));
        await SetOkAsync(client, student.Token, mentor, "unhide");
        await SetOkAsync(client, student.Token, mentor, "unhide");

        Assert.Null(await RowAsync(app, student.UserId, mentor));
        await (await SetAsync(client, student.Token, mentor, "favorite")).JsonAsync(HttpStatusCode.NotFound);
    }

    [Theory, AllProviders]
    public async Task RepeatingAnAction_ChangesNothing_NotEvenTheOrder(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var (first, _) = await MentorAsync(app, "First Favourite");
        var (second, _) = await MentorAsync(app, "Second Favourite");
        await SetOkAsync(client, student.Token, first, "favorite");
        await SetOkAsync(client, student.Token, second, "favorite");

        await SetOkAsync(client, student.Token, first, "favorite");

        Assert.Equal([second.ToString(), first.ToString()], Ids(await ListAsync(client, student.Token)));
    }

    [Theory]
    [InlineData("""{"action":"like"}""")]
    [InlineData("""{"action":null}""")]
    [InlineData("""{}""")]
    [InlineData("")]
    public async Task Set_WithUnknownAction_Is400NamingAction(string body)
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var student = await StudentAsync(client, locale: "te");
        var (mentor, _) = await MentorAsync(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/me/mentor-preferences/{mentor}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", student.Token);
        request.Headers.AcceptLanguage.ParseAdd("te");

        var problem = await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("favorite, unfavorite, hide, unhide", problem.GetProperty("errors").GetProperty("action")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("వీటిలో ఒకటి", problem.GetProperty("errors").GetProperty("action")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_AsMentor_Is403_AndAnonymously401()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var (mentor, _) = await MentorAsync(app);
        var (mentorToken, _) = await client.RegisterAsync(ApiClient.NewEmail("mentor"), role: "mentor");

        await (await SetAsync(client, mentorToken, mentor, "favorite")).JsonAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/api/v1/me/mentor-preferences", mentorToken)).JsonAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsync($"/api/v1/me/mentor-preferences/{mentor}", new { action = "favorite" })).JsonAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllProviders]
    public async Task List_Favorites_PagesWithACursor_NewestFirst_LeavingOutMentorsNoLongerPublic(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentors = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            mentors.Add((await MentorAsync(app, $"Paged Mentor {i}")).Id);
            await SetOkAsync(client, student.Token, mentors[^1], "favorite");
        }

        await MentorSetup.MoveToAsync(app, mentors[2], Gurukul.Features.Mentors.VerificationStatus.Suspended);
        var seen = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages == 0 || cursor is not null; pages++)
        {
            Assert.True(pages < 5, "the walk does not end");
            var page = await ListAsync(client, student.Token, "kind=favorite&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.True(Ids(page).Count <= 2);
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
        }

        Assert.Equal(new[] { 4, 3, 1, 0 }.Select(i => mentors[i].ToString()), seen);
    }

    public static TheoryData<string, string> BadListValues => new()
    {
        { "kind=liked", "kind" },
        { "limit=0", "limit" },
        { "limit=101", "limit" },
        { "limit=ten", "limit" },
        { "cursor=not-a-cursor", "cursor" },
    };

    [Theory, MemberData(nameof(BadListValues))]
    public async Task List_WithABadValue_Is400NamingTheField(string query, string field)
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var student = await StudentAsync(client);

        var problem = await ListAsync(client, student.Token, query, HttpStatusCode.BadRequest);

        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task List_WithACursorOfTheOtherList_Is400NamingCursor()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        for (var i = 0; i < 2; i++)
        {
            await SetOkAsync(client, student.Token, (await MentorAsync(app, $"Hidden {i}")).Id, "hide");
        }

        var cursor = (await ListAsync(client, student.Token, "kind=hidden&limit=1")).GetProperty("nextCursor").GetString()!;
        var problem = await ListAsync(client, student.Token, "kind=favorite&cursor=" + Uri.EscapeDataString(cursor), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Theory, AllProviders]
    public async Task Hide_MarksTheStudentsRecommendationListStale_AsDoesEveryUnhiding(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var other = await StudentAsync(client);
        var (mentor, _) = await MentorAsync(app);
        await SaveListAsync(app, student.UserId);
        await SaveListAsync(app, other.UserId);

        await SetOkAsync(client, student.Token, mentor, "hide");
        Assert.True(await IsStaleAsync(app, student.UserId));
        Assert.False(await IsStaleAsync(app, other.UserId));

        await SaveListAsync(app, student.UserId);
        await SetOkAsync(client, student.Token, mentor, "favorite");
        Assert.True(await IsStaleAsync(app, student.UserId));

        await SaveListAsync(app, student.UserId);
        await SetOkAsync(client, student.Token, mentor, "unfavorite");
        Assert.False(await IsStaleAsync(app, student.UserId));

        await SetOkAsync(client, student.Token, mentor, "hide");
        await SaveListAsync(app, student.UserId);
        await SetOkAsync(client, student.Token, mentor, "unhide");
        Assert.True(await IsStaleAsync(app, student.UserId));
    }

    [Theory, AllProviders]
    public async Task TwoParallelFavourites_OfTheSameMentor_BothSucceed_WithOneRow(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        for (var round = 0; round < 3; round++)
        {
            var student = await StudentAsync(client);
            var (mentor, _) = await MentorAsync(app, $"Raced Mentor {round}");

            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SetAsync(client, student.Token, mentor, "favorite")));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
            await using var scope = app.Scope();
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<MentorPreference>()
                .CountAsync(p => p.StudentUserId == student.UserId));
        }
    }

    [Theory, AllProviders]
    public async Task States_SayWhichOfTheGivenMentorsTheStudentFavouritedOrHid(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var (favourite, _) = await MentorAsync(app, "Kept Mentor");
        var (hidden, _) = await MentorAsync(app, "Hidden Mentor");
        var (neither, _) = await MentorAsync(app, "Other Mentor");
        await SetOkAsync(client, student.Token, favourite, "favorite");
        await SetOkAsync(client, student.Token, hidden, "hide");

        await using var scope = app.Scope();
        var states = await scope.ServiceProvider.GetRequiredService<MentorPreferencesService>()
            .StatesAsync(student.UserId, [favourite, hidden, neither], CancellationToken.None);

        Assert.Equal([favourite], states.Favorites);
        Assert.Equal([hidden], states.Hidden);
        Assert.False(states.IsFavorite(neither) || states.IsHidden(neither));
    }

    /// <summary>A freshly computed (not stale) recommendation list for the student, as the recommendation job leaves it.</summary>
    private static async Task SaveListAsync(GurukulApp app, string studentUserId)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        var list = await db.Set<RecommendationList>().SingleOrDefaultAsync(l => l.StudentUserId == studentUserId);
        if (list is null)
        {
            db.Add(new RecommendationList { StudentUserId = studentUserId, WeightsFingerprint = "test", ComputedAt = SystemClock.Instance.GetCurrentInstant() });
        }
        else
        {
            list.IsStale = false;
        }

        await db.SaveChangesAsync();
    }

    private static async Task<bool> IsStaleAsync(GurukulApp app, string studentUserId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<RecommendationList>()
            .Where(l => l.StudentUserId == studentUserId).Select(l => l.IsStale).SingleAsync();
    }
}
