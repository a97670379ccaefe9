using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Gurukul.Tests.Features.Mentors;

/// <summary>The public profile: the API's shape (API.md "Finding mentors") and the page's content, head and structured data.</summary>
public sealed partial class PublicProfileTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Api_BySlugOrId_ReturnsTheMentorCardAndDetails_WithNamesFromTheReferenceData(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorSetup.CreateAsync(app, client, "Sravani Api Shape");

        var bySlug = await (await client.GetAsync(new Uri($"/api/v1/mentors/{mentor.Slug}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        var byId = await (await client.GetAsync(new Uri($"/api/v1/mentors/{mentor.Id}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(bySlug.ToString(), byId.ToString());
        Assert.Equal(mentor.Id.ToString(), bySlug.GetProperty("id").GetString());
        Assert.Equal("Sravani Api Shape", bySlug.GetProperty("name").GetString());
        Assert.True(bySlug.GetProperty("verified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, bySlug.GetProperty("photoUrl").ValueKind);
        Assert.Equal("te", bySlug.GetProperty("primaryLanguage").GetString());
        Assert.Equal(["te", "en", "hi"], bySlug.GetProperty("languagesSpoken").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal([("school-chemistry", "Chemistry (School)"), ("neet-ug", "NEET-UG")],
            bySlug.GetProperty("subjects").EnumerateArray().Select(s => (s.GetProperty("slug").GetString(), s.GetProperty("name").GetString())));
        Assert.Equal(75000, bySlug.GetProperty("hourlyRate").GetProperty("amountMinor").GetInt64());
        Assert.Equal(["school", "college"], bySlug.GetProperty("studentLevelsServed").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("Narayana Junior College", bySlug.GetProperty("company").GetString());
        Assert.Equal("Asia/Kolkata", bySlug.GetProperty("timezone").GetString());
        foreach (var field in new[] { "headline", "ratingAverage", "ratingCount", "experienceYears", "city", "state", "country", "bio", "expertiseAreas", "university", "sessionsCompleted", "responseTimeHours" })
        {
            Assert.True(bySlug.TryGetProperty(field, out _), $"MentorCard field {field} is missing: {bySlug}");
        }
    }

    [Fact]
    public async Task Page_ShowsTheProfile_WithTitleDescriptionCanonicalOpenGraphAndJsonLd()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var html = await app.CreateClient().GetStringAsync(new Uri("/mentors/lakshmi-prasanna-reddy", UriKind.Relative));

        Assert.Contains("<h1 id=\"mentor-name\"", html, StringComparison.Ordinal);
        Assert.Contains("Lakshmi Prasanna Reddy", Match(html, "<title>([^<]+)</title>"), StringComparison.Ordinal);
        Assert.Contains("<bdi lang=\"te\">తెలుగు</bdi>", html, StringComparison.Ordinal);
        Assert.Contains("₹900", html, StringComparison.Ordinal);
        Assert.Contains("Verified", html, StringComparison.Ordinal);
        // The calendar. Demo mentors keep weekday-evening hours (DemoMarketplace), so next month (wholly ahead, its first
        // weeks inside the 60-day horizon) has days to pick, each a link that works without JavaScript.
        Assert.Contains("<section id=\"calendar\"", html, StringComparison.Ordinal);
        var nextMonth = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]).Date.ToYearMonth().PlusMonths(1);
        var calendar = await app.CreateClient().GetStringAsync(new Uri($"/mentors/lakshmi-prasanna-reddy?month={nextMonth:yyyy-MM}", UriKind.Relative));
        Assert.Contains($"data-date=\"{nextMonth:yyyy-MM}-", calendar, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"no-slots\"", calendar, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/sign-in?returnUrl=%2Fmentors%2Flakshmi-prasanna-reddy\"", html, StringComparison.Ordinal);
        Assert.StartsWith("I taught mathematics", Meta(html, "name", "description"), StringComparison.Ordinal);
        Assert.EndsWith("/mentors/lakshmi-prasanna-reddy", Match(html, "<link rel=\"canonical\" href=\"([^\"]+)\""), StringComparison.Ordinal);
        Assert.Equal("profile", Meta(html, "property", "og:type"));
        Assert.StartsWith("Lakshmi Prasanna Reddy", Meta(html, "property", "og:title"), StringComparison.Ordinal);
        Assert.EndsWith("/mentors/lakshmi-prasanna-reddy", Meta(html, "property", "og:url"), StringComparison.Ordinal);
        Assert.DoesNotContain("og:image", html, StringComparison.Ordinal);

        var person = JsonLd(html).GetProperty("mainEntity");
        Assert.Equal("ProfilePage", JsonLd(html).GetProperty("@type").GetString());
        Assert.Equal("Lakshmi Prasanna Reddy", person.GetProperty("name").GetString());
        Assert.StartsWith("Junior college maths lecturer", person.GetProperty("jobTitle").GetString(), StringComparison.Ordinal);
        Assert.Contains("Telugu", person.GetProperty("knowsLanguage").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Contains("JEE Main", person.GetProperty("knowsAbout").EnumerateArray().Select(t => t.GetString()));
        var rating = person.GetProperty("makesOffer").GetProperty("itemOffered").GetProperty("aggregateRating");
        Assert.Equal(4.8m, rating.GetProperty("ratingValue").GetDecimal());
        Assert.Equal(142, rating.GetProperty("ratingCount").GetInt32());
    }

    [Theory, AllProviders]
    public async Task Page_OfANewMentorWithAPhoto_HasOgImage_AndNoRatingInItsJsonLd(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorSetup.CreateAsync(app, client, "Photo Without Ratings");
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
            var userId = await db.MentorProfiles.Where(m => m.Id == mentor.Id).Select(m => m.UserId).SingleAsync();
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            user.PhotoKey = "photos/2026/11/0190-test-photo.jpg";
            await db.SaveChangesAsync();
        }

        var html = await client.GetStringAsync(new Uri($"/mentors/{mentor.Slug}", UriKind.Relative));
        var api = await (await client.GetAsync(new Uri($"/api/v1/mentors/{mentor.Slug}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);

        Assert.EndsWith("/media/photos/2026/11/0190-test-photo.jpg", Meta(html, "property", "og:image"), StringComparison.Ordinal);
        Assert.Contains("src=\"/media/photos/2026/11/0190-test-photo.jpg\"", html, StringComparison.Ordinal);
        Assert.EndsWith("/media/photos/2026/11/0190-test-photo.jpg", api.GetProperty("photoUrl").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("http", api.GetProperty("photoUrl").GetString(), StringComparison.Ordinal);
        var person = JsonLd(html).GetProperty("mainEntity");
        Assert.EndsWith("/media/photos/2026/11/0190-test-photo.jpg", person.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.False(person.GetProperty("makesOffer").GetProperty("itemOffered").TryGetProperty("aggregateRating", out _));
        Assert.Contains("No reviews yet.", html, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task Page_WithScriptInTheBio_KeepsItAsDataInTheJsonLd_AndTextInTheBody(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        const string bio = "Physics, patiently.</script><script>alert('owned')</script><!-- & \"quotes\"\nSecond paragraph <b>bold</b>.";
        var mentor = await MentorSetup.CreateAsync(app, client, "Injection Attempt Mentor", bio: bio);

        var html = await client.GetStringAsync(new Uri($"/mentors/{mentor.Slug}", UriKind.Relative));

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
        Assert.Equal(bio, JsonLd(html).GetProperty("mainEntity").GetProperty("description").GetString());
        Assert.Contains("<p>Second paragraph &lt;b&gt;bold&lt;/b&gt;.</p>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hi", "सत्यापित", "पढ़ाने की भाषाएँ")]
    [InlineData("te", "ధృవీకరించబడింది", "బోధించే భాషలు")]
    public async Task Page_SpeaksTheChosenLanguage(string culture, string verified, string teachesIn)
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();

        var html = await client.GetStringAsync(new Uri($"/mentors/priya-sharma?culture={culture}", UriKind.Relative));

        Assert.Contains($"<html lang=\"{culture}\"", html, StringComparison.Ordinal);
        Assert.Contains(verified, html, StringComparison.Ordinal);
        Assert.Contains(teachesIn, html, StringComparison.Ordinal);
        Assert.Contains("<bdi lang=\"hi\">हिन्दी</bdi>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/mentors/Priya-Sharma", "/mentors/priya-sharma")]
    [InlineData("/mentors/PRIYA-SHARMA?culture=hi", "/mentors/priya-sharma?culture=hi")]
    public async Task Page_AtAnotherSpellingOfTheAddress_RedirectsPermanentlyToTheCanonicalOne(string path, string location)
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Page_ById_RedirectsPermanentlyToTheSlug()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var mentor = await MentorSetup.CreateAsync(app, client, "Linked By Id");

        var response = await client.GetAsync(new Uri($"/mentors/{mentor.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/mentors/{mentor.Slug}", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/mentors/no-such-mentor")]
    [InlineData("/mentors/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/mentors/a-very-long-address-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("/api/v1/mentors/no-such-mentor")]
    [InlineData("/api/v1/mentors/00000000-0000-0000-0000-000000000000")]
    public async Task UnknownAddress_Is404(string path)
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MentorCards_OnTheListAndTheHomePage_LinkToTheProfiles()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();

        foreach (var path in new[] { "/", "/mentors" })
        {
            var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
            var links = CardLink().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(links);
            foreach (var link in links.Take(3))
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(link, UriKind.Relative))).StatusCode);
            }
        }
    }

    private static JsonElement JsonLd(string html) =>
        JsonDocument.Parse(Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>")).RootElement.Clone();

    private static string Meta(string html, string attribute, string name) =>
        WebUtility.HtmlDecode(Match(html, $"<meta {attribute}=\"{Regex.Escape(name)}\" content=\"([^\"]*)\""));

    private static string Match(string html, string pattern)
    {
        var match = Regex.Match(html, pattern, RegexOptions.Singleline);
        Assert.True(match.Success, $"no match for {pattern}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("class=\"card-link[^\"]*\" href=\"(/mentors/[a-z0-9-]+)\"")]
    private static partial Regex CardLink();
}
