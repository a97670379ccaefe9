using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

[Collection(BrowserTestGroup.Name)]
public sealed class HomePageJourneys(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task Home_RendersLiveFiguresMentorsAndStyles()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");

        Assert.Contains("Gurukul", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal("Learn from a mentor who speaks your language", await page.Locator("h1").InnerTextAsync());
        Assert.Equal((await VisibleMentorCountAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture),
            await page.GetByTestId("mentor-count").InnerTextAsync());
        Assert.Equal(6, await page.Locator("article.card").CountAsync());
        // The Tailwind build ran and its CSS arrived: the call to action is painted, not a bare link.
        var background = await page.Locator(".btn-primary").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", background);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "home-en.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task LanguageSwitch_ToTelugu_ChangesTheTextAndIsRemembered()
    {
        var page = await browser.NewPageAsync(412, 915);
        await page.GotoAsync("/mentors");

        // The switch redirects back to the same URL, so wait for its effect (the new document's language), not the URL.
        await page.GetByRole(AriaRole.Link, new() { Name = "తెలుగు", Exact = true }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "te");

        Assert.EndsWith("/mentors", page.Url, StringComparison.Ordinal);
        Assert.Equal("మెంటార్లు", await page.Locator("h1").InnerTextAsync());
        await page.GotoAsync("/");
        Assert.Equal("మీ భాష మాట్లాడే మెంటార్ దగ్గర నేర్చుకోండి", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("true", await page.GetByRole(AriaRole.Link, new() { Name = "తెలుగు", Exact = true }).GetAttributeAsync("aria-current"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "home-te-phone.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task ShowMore_WithHtmx_AppendsTheNextMentorsInPlace()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/mentors");
        Assert.Equal(12, await page.Locator("article.card").CountAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Show more mentors" }).ClickAsync();
        await page.Locator("#mentor-page-2 article.card").First.WaitForAsync();

        Assert.Equal(24, await page.Locator("article.card").CountAsync());
        Assert.EndsWith("/mentors", page.Url, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Home_OnA360PixelPhone_DoesNotScrollSideways()
    {
        var page = await browser.NewPageAsync(360, 740);

        await page.GotoAsync("/?culture=te");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the screen");
    }

    private async Task<int> VisibleMentorCountAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().MentorProfiles
            .CountAsync(m => m.VerificationStatus == VerificationStatus.Approved && m.IsActive);
    }
}
