using System.Net;
using System.Text.RegularExpressions;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Features;

public sealed partial class HomePageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Home_ShowsLiveFiguresFromTheDatabase(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        int mentors, languages;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
            var visible = db.MentorProfiles.Where(m => m.VerificationStatus == VerificationStatus.Approved && m.IsActive);
            mentors = await visible.CountAsync();
            languages = await visible.SelectMany(m => m.Languages).Select(l => l.LanguageCode).Distinct().CountAsync();
        }

        var html = await app.CreateClient().GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(mentors.ToString(System.Globalization.CultureInfo.InvariantCulture), Figure(html, "mentor-count"));
        Assert.Equal(languages.ToString(System.Globalization.CultureInfo.InvariantCulture), Figure(html, "language-count"));
        Assert.Contains("href=\"/mentors\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_WithTeluguChosen_SpeaksTelugu()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c=te|uic=te");

        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"te\"", html, StringComparison.Ordinal);
        Assert.Contains("మీ భాష మాట్లాడే మెంటార్ దగ్గర నేర్చుకోండి", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageSwitch_RemembersChoiceAndReturnsToThePage()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/language/hi?returnUrl=/mentors", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/mentors", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Dhi", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task LanguageSwitch_WithForeignReturnUrl_GoesHome(string returnUrl)
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri($"/language/te?returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative));

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task MentorList_ShowMore_ReturnsTheNextPageAsFragment()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();

        var first = await client.GetStringAsync(new Uri("/mentors", UriKind.Relative));
        // The link carries the cursor after the first page's last mentor (keyset pages, ADR 0014).
        var link = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(first, "hx-get=\"(/mentors/more\\?cursor=[^\"]+)\"").Groups[1].Value);
        var more = await client.GetStringAsync(new Uri(link, UriKind.Relative));

        Assert.StartsWith("/mentors/more?cursor=", link, StringComparison.Ordinal);
        Assert.EndsWith("&page=2", link, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", more, StringComparison.Ordinal);
        Assert.Contains("id=\"mentor-page-2\"", more, StringComparison.Ordinal);
        var firstNames = CardNames(first);
        var moreNames = CardNames(more);
        Assert.Equal(12, firstNames.Count);
        Assert.NotEmpty(moreNames);
        Assert.Empty(firstNames.Intersect(moreNames));
    }

    [Fact]
    public async Task Pages_CarrySecurityHeaders()
    {
        var response = await (await fixture.For(DatabaseProvider.Sqlite)).CreateClient().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("app;dur=", response.Headers.GetValues("Server-Timing").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_AreSentBrotliCompressed_WhenTheBrowserAccepts()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        var response = await client.SendAsync(request);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        var plain = await client.GetByteArrayAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.True(compressed.Length * 2 < plain.Length, $"{compressed.Length} B compressed vs {plain.Length} B plain");
    }

    [Fact]
    public async Task Home_LinksItsBuiltStylesheetAndScript_ServedFingerprintedAndCacheable()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        foreach (var asset in new[] { AssetUrl(html, "link rel=\"stylesheet\" href"), AssetUrl(html, "script src") })
        {
            // As browsers ask: the precompressed variant must arrive, typed, non-empty and cacheable for a year.
            foreach (var encoding in new[] { "br", "gzip", "identity" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/" + asset);
                request.Headers.AcceptEncoding.ParseAdd(encoding);
                var response = await client.SendAsync(request);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                Assert.True(response.IsSuccessStatusCode, $"{asset} ({encoding}): {(int)response.StatusCode}");
                Assert.True(bytes.Length > 1000, $"{asset} ({encoding}) has {bytes.Length} bytes");
                Assert.Equal(encoding == "identity" ? [] : [encoding], response.Content.Headers.ContentEncoding);
                Assert.NotNull(response.Content.Headers.ContentType);
                Assert.Contains("immutable", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            }
        }
    }

    private static string AssetUrl(string html, string attribute) =>
        Regex.Match(html, attribute + "=\"([^\"]+)\"").Groups[1].Value;

    private static string Figure(string html, string testId) =>
        Regex.Match(html, $"data-testid=\"{testId}\">([^<]+)<").Groups[1].Value;

    private static List<string> CardNames(string html) =>
        [.. CardName().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<h3 id=\"mentor-[^\"]+\"[^>]*><a [^>]*>([^<]+)</a></h3>")]
    private static partial Regex CardName();
}
