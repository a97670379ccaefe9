using Gurukul.Features.Accounts;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

/// <summary>A student favourites and hides mentors from their public profiles and manages both lists on /favourites.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class MentorPreferenceJourneys(BrowserFixture browser)
{
    private const string Password = "a long enough password";

    [ChromiumFact]
    public async Task Student_FavouritesAMentorFromTheirProfile_SeesThemOnFavourites_AndRemovesThem()
    {
        var page = await SignedInStudentAsync(1280, 900);
        await page.GotoAsync("/mentors/lakshmi-prasanna-reddy");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add to favourites: Lakshmi Prasanna Reddy" }).ClickAsync();

        await page.ToBeAtAsync("/mentors/lakshmi-prasanna-reddy?preference=favorite");
        await Expect(page.GetByTestId("preference-notice")).ToHaveTextAsync("Added to your favourites.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove from favourites: Lakshmi Prasanna Reddy" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "preferences-profile-desktop.png") });

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Favourites" }).ClickAsync();

        await page.ToBeAtAsync("/favourites");
        var favourites = page.GetByTestId("favourites");
        await Expect(favourites.GetByRole(AriaRole.Link, new() { Name = "Lakshmi Prasanna Reddy" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "favourites-desktop.png"), FullPage = true });

        await favourites.GetByRole(AriaRole.Button, new() { Name = "Remove from favourites: Lakshmi Prasanna Reddy" }).ClickAsync();

        await page.ToBeAtAsync("/favourites?preference=unfavorite");
        await Expect(page.GetByTestId("preference-notice")).ToHaveTextAsync("Removed from your favourites.");
        await Expect(page.GetByTestId("favourites-empty")).ToContainTextAsync("You have no favourite mentors yet.");
        await Expect(page.GetByTestId("favourites-empty").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/mentors");
    }

    [ChromiumFact]
    public async Task OnA390PixelPhone_StudentHidesAMentor_AndShowsThemAgainFromFavourites()
    {
        var page = await SignedInStudentAsync(390, 844);
        await page.GotoAsync("/mentors/srinivas-rao-kandula");

        await page.GetByRole(AriaRole.Button, new() { Name = "Hide: Srinivas Rao Kandula" }).ClickAsync();

        await page.ToBeAtAsync("/mentors/srinivas-rao-kandula?preference=hide");
        await Expect(page.GetByTestId("preference-notice")).ToContainTextAsync("Hidden. You will not see this mentor in your recommendations.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "preferences-profile-phone.png") });
        await page.GetByTestId("preference-notice").GetByRole(AriaRole.Link, new() { Name = "Show them again from your favourites page" }).ClickAsync();

        await page.ToBeAtAsync("/favourites");
        var hidden = page.GetByTestId("hidden-mentors");
        await Expect(hidden.GetByRole(AriaRole.Link, new() { Name = "Srinivas Rao Kandula" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("favourites-empty")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the screen");
        var box = await hidden.GetByRole(AriaRole.Button, new() { Name = "Show again: Srinivas Rao Kandula" }).BoundingBoxAsync();
        Assert.True(box is { Width: >= 24, Height: >= 24 }, "the button is smaller than a 24 px target");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "favourites-phone.png"), FullPage = true });

        await hidden.GetByRole(AriaRole.Button, new() { Name = "Show again: Srinivas Rao Kandula" }).ClickAsync();

        await page.ToBeAtAsync("/favourites?preference=unhide");
        await Expect(page.GetByTestId("preference-notice")).ToContainTextAsync("Shown again.");
        await Expect(page.GetByTestId("hidden-empty")).ToBeVisibleAsync();
    }

    private async Task<IPage> SignedInStudentAsync(int width, int height)
    {
        var email = $"prefs.student.{Guid.NewGuid():N}@example.com";
        await BrowserAccounts.CreateAsync(browser, email, "Meera Student", Roles.Student, Password);
        var page = await browser.NewPageAsync(width, height);
        await BrowserAccounts.SignInAsync(page, email, Password);
        return page;
    }
}
