using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features;

public sealed class ReferenceApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Languages_ListsScheduledLanguagesWithOwnScriptNames(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/languages", UriKind.Relative));

        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, body.GetProperty("nextCursor").ValueKind);
        Assert.Equal(22, items.Count(i => i.GetProperty("scheduled").GetBoolean()));
        var telugu = items.Single(i => i.GetProperty("code").GetString() == "te");
        Assert.Equal("Telugu", telugu.GetProperty("englishName").GetString());
        Assert.Equal("తెలుగు", telugu.GetProperty("nativeName").GetString());
    }

    [Theory, AllProviders]
    public async Task Subjects_ListsTheTaxonomyByCategory(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/subjects", UriKind.Relative));

        var categories = body.GetProperty("items").EnumerateArray().ToList();
        Assert.True(categories.Count >= 12);
        var slugs = categories.SelectMany(c => c.GetProperty("subjects").EnumerateArray()).Select(s => s.GetProperty("slug").GetString()).ToList();
        Assert.Contains("jee-main", slugs);
        Assert.Equal(slugs.Count, slugs.Distinct().Count());
    }

    [Theory, AllProviders]
    public async Task Boards_ListsNationalAndStateBoards_WithTheStateOfEach(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/boards", UriKind.Relative));

        var boards = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("cbse", boards[0].GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, boards[0].GetProperty("state").ValueKind);
        var andhra = boards.Single(b => b.GetProperty("code").GetString() == "bseap");
        Assert.Equal("Board of Secondary Education, Andhra Pradesh", andhra.GetProperty("name").GetString());
        Assert.Equal("Andhra Pradesh", andhra.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("nextCursor").ValueKind);
    }
}
