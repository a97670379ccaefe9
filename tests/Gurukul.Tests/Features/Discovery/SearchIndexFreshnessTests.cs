using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Gurukul.Tests.Features.Discovery.SearchSetup;

namespace Gurukul.Tests.Features.Discovery;

/// <summary>
/// Search answers from each node's in-process index (ADR 0014): every write to the database, through any node or none
/// (bulk SQL that skips the services), shows in the very next search on every node.
/// </summary>
public sealed class SearchIndexFreshnessTests
{
    [Theory, AllProviders]
    public async Task WritesOnOneNode_AndStraightInTheDatabase_ShowInTheNextSearchOnAnother(DatabaseProvider provider)
    {
        await using var nodeA = await GurukulApp.StartAsync(provider);
        await using var nodeB = new GurukulApp(nodeA.Database, ownsDatabase: false);
        var a = nodeA.CreateClient();
        var b = nodeB.CreateClient();
        var marker = Marker();
        // Node B loads its index before the mentors exist.
        Assert.Equal(0, (await GetAsync(b, Q(marker))).GetProperty("total").GetInt32());

        var first = await CreateAsync(nodeA, a, "Fresh First", p => (p.Bio, p.Subjects) = (marker, ["school-physics"]), rating: 4.2m, ratingCount: 5);
        var second = await CreateAsync(nodeA, a, "Fresh Second", p => (p.Bio, p.Subjects) = (marker, ["school-chemistry"]), rating: 3.1m, ratingCount: 5);
        Assert.Equal([first.Slug, second.Slug], Slugs(await GetAsync(b, $"{Q(marker)}&sort=rating")));
        Assert.Equal([first.Slug], Slugs(await GetAsync(b, $"{Q(marker)}&subject=school-physics")));

        // Straight to the database: no service, no updated_at. The triggers of migration 0009 still move the clock.
        await UpdateAsync(nodeA, db => db.MentorProfiles.Where(m => m.Id == second.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.RatingAverage, 4.9m)));
        Assert.Equal([second.Slug, first.Slug], Slugs(await GetAsync(b, $"{Q(marker)}&sort=rating")));

        await UpdateAsync(nodeA, db => db.MentorProfiles.Where(m => m.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsActive, false)));
        var paused = await GetAsync(b, Q(marker));
        Assert.Equal([second.Slug], Slugs(paused));
        Assert.Equal(1, paused.GetProperty("total").GetInt32());
        var facets = await GetAsync(b, Q(marker), path: "/api/v1/mentors/facets");
        Assert.Equal(["school-chemistry"], facets.GetProperty("subjects").EnumerateArray().Select(s => s.GetProperty("value").GetString()));

        // A subject change through the API of node A (deletes and inserts mentor_subjects).
        var body = new ProfileBody { Bio = marker, Subjects = ["school-biology"] };
        await (await PutProfileAsync(a, second.Token, body)).JsonAsync(System.Net.HttpStatusCode.OK);
        Assert.Equal([second.Slug], Slugs(await GetAsync(b, $"{Q(marker)}&subject=school-biology")));
        Assert.Empty(Slugs(await GetAsync(b, $"{Q(marker)}&subject=school-chemistry")));

        await UpdateAsync(nodeA, db => db.MentorProfiles.Where(m => m.Id == second.Id).ExecuteDeleteAsync());
        Assert.Equal(0, (await GetAsync(b, Q(marker))).GetProperty("total").GetInt32());
        Assert.Equal(0, (await GetAsync(b, "subject=school-biology&" + Q(marker), path: "/api/v1/mentors/facets"))
            .GetProperty("levels").EnumerateArray().Sum(l => l.GetProperty("count").GetInt32()));
    }

    [Theory, AllProviders]
    public async Task SubjectRenamedInTheDatabase_ShowsInTheFacetNames(DatabaseProvider provider)
    {
        await using var app = await GurukulApp.StartAsync(provider);
        var client = app.CreateClient();
        var marker = Marker();
        await CreateAsync(app, client, "Renamed Subject", p => (p.Bio, p.Subjects) = (marker, ["veena"]));
        Assert.Equal("Veena", (await GetAsync(client, Q(marker), path: "/api/v1/mentors/facets")).GetProperty("subjects")[0].GetProperty("name").GetString());

        await UpdateAsync(app, db => db.Subjects.Where(s => s.Slug == "veena").ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, "Veena (Carnatic)")));

        Assert.Equal("Veena (Carnatic)", (await GetAsync(client, Q(marker), path: "/api/v1/mentors/facets")).GetProperty("subjects")[0].GetProperty("name").GetString());
    }

    [Theory, AllProviders]
    public async Task CardsFromTheIndex_FollowNamePhotoSubjectAndCategoryChanges_OnAnotherNode(DatabaseProvider provider)
    {
        await using var nodeA = await GurukulApp.StartAsync(provider);
        await using var nodeB = new GurukulApp(nodeA.Database, ownsDatabase: false);
        var b = nodeB.CreateClient();
        var marker = Marker();
        var mentor = await CreateAsync(nodeA, nodeA.CreateClient(), "Card Before", p => (p.Bio, p.Subjects) = (marker, ["veena", "school-physics"]));
        var card = Only(await GetAsync(b, Q(marker)));
        Assert.Equal("Card Before", card.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, card.GetProperty("photoUrl").ValueKind);
        Assert.Equal(["school-physics", "veena"], SubjectSlugs(card));

        // Each change goes straight to the database, behind every service: only the clock's triggers can tell node B.
        var userId = await UserIdAsync(nodeA, mentor.Id);
        await UpdateAsync(nodeA, db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Name, "Card After")));
        Assert.Equal("Card After", Only(await GetAsync(b, Q(marker))).GetProperty("name").GetString());

        var photo = $"photos/{Guid.NewGuid():N}.jpg";
        await UpdateAsync(nodeA, db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PhotoKey, photo)));
        Assert.EndsWith("/media/" + photo, Only(await GetAsync(b, Q(marker))).GetProperty("photoUrl").GetString());

        await UpdateAsync(nodeA, db => db.Subjects.Where(s => s.Slug == "veena").ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, "Veena (Carnatic)")));
        var renamed = Only(await GetAsync(b, Q(marker))).GetProperty("subjects").EnumerateArray().Single(s => s.GetProperty("slug").GetString() == "veena");
        Assert.Equal("Veena (Carnatic)", renamed.GetProperty("name").GetString());

        // Cards list subjects in taxonomy order: moving music ahead of school subjects reorders them.
        await UpdateAsync(nodeA, db => db.SubjectCategories.Where(c => c.Slug == "music-performing-arts").ExecuteUpdateAsync(s => s.SetProperty(c => c.SortOrder, -1)));
        Assert.Equal(["veena", "school-physics"], SubjectSlugs(Only(await GetAsync(b, Q(marker)))));
    }

    private static JsonElement Only(JsonElement page) => Assert.Single(page.GetProperty("items").EnumerateArray().ToList());

    private static List<string> SubjectSlugs(JsonElement card) =>
        [.. card.GetProperty("subjects").EnumerateArray().Select(s => s.GetProperty("slug").GetString()!)];

    private static async Task<string> UserIdAsync(GurukulApp app, Guid mentorId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().MentorProfiles.Where(m => m.Id == mentorId).Select(m => m.UserId).SingleAsync();
    }

    private static async Task UpdateAsync(GurukulApp app, Func<GurukulDbContext, Task<int>> write)
    {
        await using var scope = app.Scope();
        Assert.Equal(1, await write(scope.ServiceProvider.GetRequiredService<GurukulDbContext>()));
    }
}
