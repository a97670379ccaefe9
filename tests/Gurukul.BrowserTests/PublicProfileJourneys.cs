using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

[Collection(BrowserTestGroup.Name)]
public sealed class PublicProfileJourneys(BrowserFixture browser)
{
    private const string Slug = "srinivas-rao-kandula";

    // Registered before any page script: every CSP violation the document reports, in order.
    private const string ViolationRecorder =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    [ChromiumFact]
    public async Task FromTheMentorList_OpenAProfile_WithItsFactsAndShareableMetadata_AndNoPolicyViolations()
    {
        var page = await browser.NewPageAsync();
        var consoleErrors = RecordConsoleErrors(page);
        await page.AddInitScriptAsync(ViolationRecorder);
        await page.GotoAsync("/mentors");

        await page.GetByRole(AriaRole.Link, new() { Name = "Srinivas Rao Kandula" }).ClickAsync();

        await page.ToBeAtAsync($"/mentors/{Slug}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Srinivas Rao Kandula");
        await Expect(page.GetByTestId("verified-badge")).ToHaveTextAsync("Verified");
        await Expect(page.GetByTestId("languages")).ToContainTextAsync("తెలుగు");
        await Expect(page.GetByTestId("languages")).ToContainTextAsync("English");
        await Expect(page.GetByTestId("price")).ToContainTextAsync("₹300");
        await Expect(page.GetByTestId("rating")).ToContainTextAsync("4.9");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in to book" })).ToBeVisibleAsync();

        Assert.StartsWith("Srinivas Rao Kandula", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal("profile", await page.Locator("meta[property='og:type']").GetAttributeAsync("content"));
        Assert.EndsWith($"/mentors/{Slug}", await page.Locator("meta[property='og:url']").GetAttributeAsync("content"), StringComparison.Ordinal);
        Assert.EndsWith($"/mentors/{Slug}", await page.Locator("link[rel='canonical']").GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("meta[name='description']").GetAttributeAsync("content")));
        // The browser itself parses the JSON-LD, as a crawler would.
        var structured = await page.EvaluateAsync<JsonElement>("() => JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)");
        Assert.Equal("ProfilePage", structured.GetProperty("@type").GetString());
        Assert.Equal("Srinivas Rao Kandula", structured.GetProperty("mainEntity").GetProperty("name").GetString());
        Assert.Equal(176, structured.GetProperty("mainEntity").GetProperty("makesOffer").GetProperty("itemOffered")
            .GetProperty("aggregateRating").GetProperty("ratingCount").GetInt32());

        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__cspViolations"));
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "mentor-profile-desktop.png"), FullPage = true });

        // The recorder does hear violations: an inline script the policy forbids is reported.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); }");
        await Expect(page.Locator("body")).ToHaveCountAsync(1);
        Assert.Contains(await page.EvaluateAsync<string[]>("() => window.__cspViolations"), v => v.StartsWith("script-src", StringComparison.Ordinal));
    }

    [ChromiumFact]
    public async Task Profile_OnA390PixelPhone_InTelugu_FitsTheScreen()
    {
        var page = await browser.NewPageAsync(390, 844);
        var consoleErrors = RecordConsoleErrors(page);
        await page.AddInitScriptAsync(ViolationRecorder);

        await page.GotoAsync($"/mentors/{Slug}?culture=te");

        await Expect(page.GetByTestId("verified-badge")).ToHaveTextAsync("ధృవీకరించబడింది");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "బుక్ చేయడానికి సైన్ ఇన్ చేయండి" })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the screen");
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__cspViolations"));
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "mentor-profile-te-phone.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task OldOrUnknownAddress_RedirectsOrShowsTheLocalizedNotFoundPage()
    {
        var page = await browser.NewPageAsync(390, 844);

        await page.GotoAsync("/mentors/Srinivas-Rao-Kandula");
        await page.ToBeAtAsync($"/mentors/{Slug}");
        var missing = await page.GotoAsync("/mentors/no-mentor-here?culture=hi");

        Assert.Equal(404, missing!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("हमें यह पेज नहीं मिला");
    }

    private static List<string> RecordConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{message.Text} ({message.Location})");
            }
        };
        return errors;
    }
}
