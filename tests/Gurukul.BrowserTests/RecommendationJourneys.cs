using Gurukul.Features.Accounts;
using Gurukul.Features.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

[Collection(BrowserTestGroup.Name)]
public sealed class RecommendationJourneys(BrowserFixture browser)
{
    private const string Password = "a long enough password";

    [ChromiumFact]
    public async Task AStudentsRecommendations_ShowTheirReasons_AndInTeluguAfterSwitchingLanguage()
    {
        var email = await TeluguSchoolStudentAsync();
        var page = await browser.NewPageAsync();
        await BrowserAccounts.SignInAsync(page, email, Password);

        var recommended = page.GetByTestId("recommendations");
        await Expect(recommended.GetByRole(AriaRole.Heading, new() { Name = "Recommended for you" })).ToBeVisibleAsync();
        await Expect(recommended.GetByTestId("recommendation").First).ToContainTextAsync("% match");
        await Expect(recommended).ToContainTextAsync("Speaks Telugu, your first language");

        await page.GetByRole(AriaRole.Link, new() { Name = "తెలుగు" }).ClickAsync();

        await page.ToBeAtAsync("/account");
        await Expect(recommended.GetByRole(AriaRole.Heading, new() { Name = "మీ కోసం సూచించినవారు" })).ToBeVisibleAsync();
        await Expect(recommended).ToContainTextAsync("తెలుగు మాట్లాడతారు, మీ మొదటి భాష");
        await Expect(recommended.GetByTestId("recommendation").First).ToContainTextAsync("% సరిపోలిక");
        await Expect(recommended).Not.ToContainTextAsync("Speaks Telugu");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "recommendations-te-desktop.png"), FullPage = true });

        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await BrowserAccounts.SignInAsync(phone, email, Password);
        await phone.GotoAsync("/account?culture=te");
        await Expect(phone.GetByTestId("recommendations")).ToContainTextAsync("తెలుగు మాట్లాడతారు, మీ మొదటి భాష");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "recommendations-te-phone.png"), FullPage = true });
        var wide = await phone.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent||'').slice(0,40))");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page fits a 390 px screen: " + string.Join(" | ", wide));
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "recommendations-te-phone.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task HidingARecommendedMentor_RemovesThemFromTheRecommendations_UntilShownAgainFromFavourites()
    {
        var email = await TeluguSchoolStudentAsync();
        var page = await browser.NewPageAsync();
        await BrowserAccounts.SignInAsync(page, email, Password);
        var recommended = page.GetByTestId("recommendations");
        var first = recommended.GetByTestId("recommendation").First.GetByRole(AriaRole.Heading, new() { Level = 3 });
        await Expect(first).ToBeVisibleAsync();
        var name = (await first.TextContentAsync())!.Trim();

        await recommended.GetByRole(AriaRole.Button, new() { Name = $"Hide: {name}" }).ClickAsync();

        await Expect(page.GetByTestId("preference-notice")).ToContainTextAsync("Hidden. You will not see this mentor in your recommendations.");
        await Expect(recommended.GetByTestId("recommendation").First).ToBeVisibleAsync();
        await Expect(recommended.GetByRole(AriaRole.Heading, new() { Name = name })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "recommendations-after-hide.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Show them again from your favourites page" }).ClickAsync();
        await page.ToBeAtAsync("/favourites");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Show again: {name}" }).ClickAsync();
        await Expect(page.GetByTestId("preference-notice")).ToBeVisibleAsync();

        await page.GotoAsync("/account");
        await Expect(recommended.GetByRole(AriaRole.Heading, new() { Name = name })).ToHaveCountAsync(1);
    }

    /// <summary>A class 11 MPC student in Andhra Pradesh whose first language is Telugu: the demo has Telugu mentors who fit.</summary>
    internal async Task<string> TeluguSchoolStudentAsync()
    {
        var email = $"recs.student.{Guid.NewGuid():N}@example.com";
        var userId = await BrowserAccounts.CreateAsync(browser, email, "Ravi Teja", Roles.Student, Password);
        await using var scope = browser.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StudentProfileService>().SaveAsync(userId, new StudentProfileRequest("school",
            "te", ["en"], "Science", ["JEE Main", "EAPCET"], ["Cricket"], ["English speaking"], "Guntur", "Andhra Pradesh", "IN", "Asia/Kolkata",
            School: new SchoolDetails("ZP High School, Guntur", "bseap", 11, ["school-mathematics", "school-physics", "school-chemistry"], Stream: "MPC")),
            CancellationToken.None);
        return email;
    }
}
