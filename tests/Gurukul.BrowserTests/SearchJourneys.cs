using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

/// <summary>The /mentors search page: filters and free text with htmx, the search kept in the address, on a desktop and a phone.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SearchJourneys(BrowserFixture browser)
{
    // Registered before any page script: every CSP violation the document reports.
    private const string ViolationRecorder =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    [ChromiumFact]
    public async Task TwoFiltersAndATypo_FindTheMentor_AndTheAddressKeepsTheSearch_ThroughAReload()
    {
        var page = await browser.NewPageAsync();
        await page.AddInitScriptAsync(ViolationRecorder);
        var errors = RecordConsoleErrors(page);
        await page.GotoAsync("/mentors");
        // Other journeys in this app approve mentors of their own: count the public ones rather than assume the demo's 40.
        await Expect(page.GetByTestId("search-status")).ToHaveTextAsync($"Mentors found: {await PublicMentorCountAsync()}");
        var form = page.GetByRole(AriaRole.Search, new() { Name = "Search mentors" });

        await form.GetByLabel("Search by name, subject or skill").FillAsync("phisics");
        await form.GetByLabel("Language").SelectOptionAsync("te");
        // As a person would: the list answers before the next choice.
        await page.ToBeAtAsync("/mentors?q=phisics&language=te");
        await form.GetByLabel("Level").SelectOptionAsync("school");

        await Expect(page.GetByTestId("search-status")).ToHaveTextAsync("Mentors found: 1");
        await Expect(page.Locator("article.card")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Srinivas Rao Kandula" })).ToBeVisibleAsync();
        // htmx pushed the search into the address, without the fields left empty.
        await page.ToBeAtAsync("/mentors?q=phisics&language=te&level=school");
        // The counts beside the other choices follow the search: Telugu's own count, and School's.
        await Expect(form.GetByLabel("Level").Locator("option[value='school']")).ToHaveTextAsync("School · 1");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "search-desktop.png"), FullPage = true });

        await page.ReloadAsync();

        await Expect(form.GetByLabel("Search by name, subject or skill")).ToHaveValueAsync("phisics");
        await Expect(form.GetByLabel("Language")).ToHaveValueAsync("te");
        await Expect(form.GetByLabel("Level")).ToHaveValueAsync("school");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Srinivas Rao Kandula" })).ToBeVisibleAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__cspViolations"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [ChromiumFact]
    public async Task OnA390PixelPhone_InTelugu_ANoMatchSearch_OffersToClearTheFilters_AndFitsTheScreen()
    {
        var page = await browser.NewPageAsync(390, 844);
        // The language switch sets the visitor's language for every page after it, as a visitor would choose it.
        await page.GotoAsync("/language/te?returnUrl=" + Uri.EscapeDataString("/mentors?q=xyzzyq&state=Telangana"));

        await Expect(page.GetByTestId("search-empty")).ToContainTextAsync("ఈ శోధనకు సరిపోయే మెంటార్ ఎవరూ లేరు.");
        await Expect(page.GetByTestId("search-status")).ToHaveTextAsync("దొరికిన మెంటార్లు: 0");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "search-te-phone-empty.png"), FullPage = true });

        await page.GetByTestId("search-empty").GetByRole(AriaRole.Link, new() { Name = "అన్ని ఫిల్టర్లు తీసివేయండి" }).ClickAsync();

        await page.ToBeAtAsync("/mentors");
        await Expect(page.Locator("article.card")).ToHaveCountAsync(12);
        // On a phone the filters wait behind their button, so the results start on the first screen.
        await page.GetByTestId("search-filter-toggle").ClickAsync();
        await page.GetByRole(AriaRole.Search).GetByLabel("భాష").SelectOptionAsync("hi");
        await Expect(page.GetByTestId("search-status")).Not.ToHaveTextAsync("దొరికిన మెంటార్లు: 40");
        await page.ToBeAtAsync("/mentors?language=hi");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "search-te-phone.png") });
    }

    private static List<string> RecordConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        return errors;
    }

    private async Task<int> PublicMentorCountAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Gurukul.Platform.Data.GurukulDbContext>().MentorProfiles
            .CountAsync(m => m.VerificationStatus == Gurukul.Features.Mentors.VerificationStatus.Approved && m.IsActive);
    }
}
