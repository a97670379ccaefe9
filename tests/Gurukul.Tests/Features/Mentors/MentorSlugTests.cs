using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Mentors;

/// <summary>Public addresses are readable, unique and stable: a changed slug redirects and is never handed to anyone else.</summary>
public sealed class MentorSlugTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task NewMentors_WithTheSameName_GetReadableNumberedSlugs(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();

        var first = await MentorSetup.CreateAsync(app, client, "Dr. Priya Sharma");
        var second = await MentorSetup.CreateAsync(app, client, "Dr. Priya Sharma");

        Assert.Equal("dr-priya-sharma", first.Slug);
        Assert.Equal("dr-priya-sharma-2", second.Slug);
    }

    [Theory, AllProviders]
    public async Task MentorNamedLikeARoute_GetsANumberedSlug_AndTheRouteStillWorks(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();

        var more = await MentorSetup.CreateAsync(app, client, "More");
        var search = await MentorSetup.CreateAsync(app, client, "Search");

        Assert.Equal("more-2", more.Slug);
        Assert.Equal("search-2", search.Slug);
        Assert.Contains("id=\"mentor-page-2\"", await client.GetStringAsync(new Uri("/mentors/more?page=2", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/mentors/more-2", UriKind.Relative))).StatusCode);
    }

    [Theory, AllProviders]
    public async Task ChangedSlug_OldAddressRedirectsPermanently_OnThePageAndTheApi(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var mentor = await MentorSetup.CreateAsync(app, client, "Farhana Begum Changes");
        var wanted = $"farhana-teaches-{Guid.NewGuid():N}"[..30];

        var changed = await (await MentorSetup.ChangeSlugAsync(client, mentor.Token, wanted)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(wanted, changed.GetProperty("slug").GetString());
        var page = await client.GetAsync(new Uri($"/mentors/{mentor.Slug}?culture=te", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, page.StatusCode);
        Assert.Equal($"/mentors/{wanted}?culture=te", page.Headers.Location?.OriginalString);
        var api = await client.GetAsync(new Uri($"/api/v1/mentors/{mentor.Slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, api.StatusCode);
        Assert.Equal($"/api/v1/mentors/{wanted}", api.Headers.Location?.OriginalString);
        var current = await (await client.GetAsync(new Uri($"/api/v1/mentors/{wanted}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(mentor.Id.ToString(), current.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/mentors/{wanted}", UriKind.Relative))).StatusCode);
        var own = await (await client.GetAsync("/api/v1/me/mentor-profile", mentor.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(wanted, own.GetProperty("slug").GetString());
    }

    [Theory, AllProviders]
    public async Task RetiredSlug_IsNeverHandedToAnotherMentor(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var first = await MentorSetup.CreateAsync(app, client, "Gowri Shankar Retired");
        var other = await MentorSetup.CreateAsync(app, client, "Someone Else Entirely");
        await (await MentorSetup.ChangeSlugAsync(client, first.Token, "gowri-shankar-maths")).JsonAsync(HttpStatusCode.OK);

        var claimRetired = await MentorSetup.ChangeSlugAsync(client, other.Token, first.Slug);
        var claimCurrent = await MentorSetup.ChangeSlugAsync(client, other.Token, "gowri-shankar-maths");
        var namesake = await MentorSetup.CreateAsync(app, client, "Gowri Shankar Retired");

        await claimRetired.JsonAsync(HttpStatusCode.Conflict);
        await claimCurrent.JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("gowri-shankar-retired", first.Slug);
        Assert.Equal("gowri-shankar-retired-2", namesake.Slug);
    }

    [Theory, AllProviders]
    public async Task Mentor_CanTakeBackTheirOwnOldSlug(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var mentor = await MentorSetup.CreateAsync(app, client, "Venkat Reclaims");
        await (await MentorSetup.ChangeSlugAsync(client, mentor.Token, "venkat-physics")).JsonAsync(HttpStatusCode.OK);

        var back = await (await MentorSetup.ChangeSlugAsync(client, mentor.Token, mentor.Slug)).JsonAsync(HttpStatusCode.OK);
        var again = await (await MentorSetup.ChangeSlugAsync(client, mentor.Token, mentor.Slug)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(mentor.Slug, back.GetProperty("slug").GetString());
        Assert.Equal(mentor.Slug, again.GetProperty("slug").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/mentors/{mentor.Slug}", UriKind.Relative))).StatusCode);
        var interim = await client.GetAsync(new Uri("/mentors/venkat-physics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, interim.StatusCode);
        Assert.Equal($"/mentors/{mentor.Slug}", interim.Headers.Location?.OriginalString);
    }

    [Theory, AllProviders]
    public async Task ReservedOrMalformedSlugs_Are400NamingTheSlugField(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorSetup.CreateAsync(app, client, "Lalitha Picks Badly");
        string?[] bad =
        [
            "new", "search", "facets", "more", "api", "edit", "ab", new string('a', 61), "has space", "-leading", "trailing-",
            "double--hyphen", "ünicode", "under_score", "", null, Guid.NewGuid().ToString(),
        ];

        foreach (var slug in bad)
        {
            var problem = await (await MentorSetup.ChangeSlugAsync(client, mentor.Token, slug)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("slug", out var messages), $"\"{slug}\": {problem}");
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }

        var unchanged = await (await client.GetAsync("/api/v1/me/mentor-profile", mentor.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(mentor.Slug, unchanged.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task ChosenSlug_IsTrimmedAndLowerCased_AndTheLimitsAreInclusive()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var mentor = await MentorSetup.CreateAsync(app, client, "Tanvi Limits");
        var longest = "t" + new string('9', 59);

        var cased = await (await MentorSetup.ChangeSlugAsync(client, mentor.Token, "  Tanvi-JEE  ")).JsonAsync(HttpStatusCode.OK);
        var shortest = await (await MentorSetup.ChangeSlugAsync(client, mentor.Token, "t9z")).JsonAsync(HttpStatusCode.OK);
        var longOne = await (await MentorSetup.ChangeSlugAsync(client, mentor.Token, longest)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("tanvi-jee", cased.GetProperty("slug").GetString());
        Assert.Equal("t9z", shortest.GetProperty("slug").GetString());
        Assert.Equal(longest, longOne.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task ChangeSlug_BeforeAnyProfile_Is404()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail(), role: "mentor");

        await (await MentorSetup.ChangeSlugAsync(client, token, "a-fine-slug")).JsonAsync(HttpStatusCode.NotFound);
    }
}
