using System.Net;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Mentors;

/// <summary>Only approved, active mentors are visible to the public; every other mentor is indistinguishable from nobody.</summary>
public sealed class MentorVisibilityTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly VerificationStatus[] NotApproved = Enum.GetValues<VerificationStatus>().Where(s => s != VerificationStatus.Approved).ToArray();

    [Theory, AllProviders]
    public async Task EveryMentorButApprovedAndActive_Is404_OnPageApiAndList_LikeANameNeverUsed(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var unknown = await client.GetAsync(new Uri("/api/v1/mentors/nobody-by-this-name", UriKind.Relative));
        var unknownProblem = await unknown.JsonAsync(HttpStatusCode.NotFound);
        var hidden = new List<(string Case, MentorSetup.Mentor Mentor)>();
        foreach (var status in NotApproved)
        {
            hidden.Add((status.ToString(), await MentorSetup.CreateAsync(app, client, $"Hidden {status} Mentor", status)));
        }

        hidden.Add(("approved but inactive", await MentorSetup.CreateAsync(app, client, "Hidden Paused Mentor", VerificationStatus.Approved, active: false)));
        var listed = await ListedSlugsAsync(client);

        foreach (var (what, mentor) in hidden)
        {
            var page = await client.GetAsync(new Uri($"/mentors/{mentor.Slug}", UriKind.Relative));
            Assert.True(page.StatusCode == HttpStatusCode.NotFound, $"{what}: page answered {(int)page.StatusCode}");
            Assert.Contains("We couldn&#x27;t find that page", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            foreach (var address in new[] { mentor.Slug, mentor.Id.ToString() })
            {
                var problem = await (await client.GetAsync(new Uri($"/api/v1/mentors/{address}", UriKind.Relative))).JsonAsync(HttpStatusCode.NotFound);
                foreach (var field in new[] { "type", "title", "status", "detail" })
                {
                    Assert.Equal(unknownProblem.GetProperty(field).ToString(), problem.GetProperty(field).ToString());
                }
            }

            Assert.DoesNotContain(mentor.Slug, listed);
        }
    }

    [Theory, AllProviders]
    public async Task RetiredSlugOfAMentorNoLongerPublic_Is404_NotARedirect(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var mentor = await MentorSetup.CreateAsync(app, client, "Suspended After Rename");
        await (await MentorSetup.ChangeSlugAsync(client, mentor.Token, "suspended-after-rename-new")).JsonAsync(HttpStatusCode.OK);

        await MentorSetup.MoveToAsync(app, mentor.Id, VerificationStatus.Suspended);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/mentors/{mentor.Slug}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/v1/mentors/{mentor.Slug}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/mentors/suspended-after-rename-new", UriKind.Relative))).StatusCode);
    }

    [Theory, AllProviders]
    public async Task ApprovedActiveMentor_IsPublic_OnPageApiAndList_AndHidesAgainWhenPaused(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var mentor = await MentorSetup.CreateAsync(app, client, "Visible Approved Mentor");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/mentors/{mentor.Slug}", UriKind.Relative))).StatusCode);
        var byId = await (await client.GetAsync(new Uri($"/api/v1/mentors/{mentor.Id}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(mentor.Slug, byId.GetProperty("slug").GetString());
        Assert.Contains(mentor.Slug, await ListedSlugsAsync(client));

        await MentorSetup.MoveToAsync(app, mentor.Id, VerificationStatus.Approved, active: false);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/mentors/{mentor.Slug}", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain(mentor.Slug, await ListedSlugsAsync(client));
    }

    /// <summary>Every slug the /mentors list links to, following its "show more" links (a cursor each) to the end.</summary>
    private static async Task<HashSet<string>> ListedSlugsAsync(HttpClient client)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        for (var next = "/mentors/more"; ;)
        {
            var html = await client.GetStringAsync(new Uri(next, UriKind.Relative));
            slugs.UnionWith(System.Text.RegularExpressions.Regex.Matches(html, "class=\"card-link[^\"]*\" href=\"/mentors/([^\"]+)\"").Select(m => m.Groups[1].Value));
            var more = System.Text.RegularExpressions.Regex.Match(html, "hx-get=\"([^\"]+)\"");
            if (!more.Success)
            {
                return slugs;
            }

            next = System.Net.WebUtility.HtmlDecode(more.Groups[1].Value);
        }
    }
}
