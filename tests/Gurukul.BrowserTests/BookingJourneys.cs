using Gurukul.Features.Accounts;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

/// <summary>A student books a slot from a mentor's profile on a 390 px phone, pays in the sandbox, and finds the session in My sessions.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BookingJourneys(BrowserFixture browser, ITestOutputHelper output)
{
    [ChromiumFact]
    public async Task Student_OnA390PxPhone_BooksASlotFromTheProfile_PaysInTheSandbox_AndSeesTheSessionInMySessions()
    {
        var mentor = await SchedulingSetup.PublicMentorAsync(browser, "Lakshmi Reddy", SchedulingSetup.EveryDay("Asia/Kolkata", "00:00", "24:00"));
        var email = $"booker.{Guid.NewGuid():N}@example.com";
        await BrowserAccounts.CreateAsync(browser, email, "Asha Rao", Roles.Student, MentorApplicationSetup.Password, new NodaTime.LocalDate(2004, 5, 1));
        // axe needs its script injected: the page's own policy would refuse it. Everything else runs as in production.
        var page = await browser.NewPageAsync(390, 844, bypassContentSecurityPolicy: true);
        await BrowserAccounts.SignInAsync(page, email, MentorApplicationSetup.Password);

        await page.GotoAsync($"/mentors/{mentor.Slug}");
        var slot = page.GetByTestId("book-slot-link").First;
        await slot.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Book a session with Lakshmi Reddy" })).ToBeVisibleAsync();
        var price = await page.GetByTestId("book-price").TextContentAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Exam preparation" }).CheckAsync();
        await page.GetByLabel("What is this session for?").FillAsync("Organic chemistry revision before NEET");
        await CheckPageAsync(page, "book");
        await page.GetByTestId("book-submit").ClickAsync();

        await Expect(page.GetByTestId("checkout-amount")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Pay ₹") }).ClickAsync();

        await Expect(page.GetByText("Paid. Your session is confirmed, and we have emailed you and the mentor.")).ToBeVisibleAsync();
        Assert.Matches("/bookings/[0-9a-f-]+", page.Url);
        await CheckPageAsync(page, "booking");

        await page.GotoAsync("/sessions");
        var session = page.GetByTestId("session").First;
        await Expect(session).ToContainTextAsync("Lakshmi Reddy");
        await Expect(session).ToContainTextAsync("Confirmed");
        Assert.False(string.IsNullOrWhiteSpace(price));
        await CheckPageAsync(page, "sessions");
        await page.Context.CloseAsync();
    }

    private async Task CheckPageAsync(IPage page, string name)
    {
        Assert.Empty(await AxeScan.RunAsync(page, $"{name} 390px", output));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name}: no sideways scrolling");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"booking-{name}-390.png"), FullPage = true });
    }
}
