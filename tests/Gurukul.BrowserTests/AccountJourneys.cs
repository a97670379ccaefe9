using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

[Collection(BrowserTestGroup.Name)]
public sealed class AccountJourneys(BrowserFixture browser)
{
    private const string Password = "a long enough password";

    [ChromiumFact]
    public async Task SignUp_FixAnError_ConfirmFromTheMailbox_SignOut_SignIn_SignOut()
    {
        var page = await browser.NewPageAsync(412, 915);
        var email = $"meera.{Guid.NewGuid():N}@example.com";

        await page.GotoAsync("/account/sign-up");
        await page.GetByLabel("Full name").FillAsync("Meera Iyer");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByLabel("Date of birth").FillAsync("2004-03-09");
        // An adult student is not asked for a guardian.
        Assert.False(await page.GetByLabel("Parent's or guardian's email").IsVisibleAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // The form comes back with what was typed and the message next to the field.
        await Expect(page.Locator("#password-error")).ToContainTextAsync("at least 10 characters");
        Assert.Equal("Meera Iyer", await page.GetByLabel("Full name").InputValueAsync());
        Assert.Equal("true", await page.GetByLabel("Password").GetAttributeAsync("aria-invalid"));

        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        // A new student is taken on to their profile, welcomed there; the account page still has the details.
        await page.ToBeAtAsync("/onboarding?welcome=1");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("We emailed you a link to confirm your address.");
        await page.GetByRole(AriaRole.Link, new() { Name = "My account" }).ClickAsync();
        await page.ToBeAtAsync("/account");
        await Expect(page.GetByTestId("account-summary")).ToContainTextAsync("not confirmed yet");

        await OpenMailAsync(page, email, "/account/confirm-email");
        Assert.Equal("Thank you, your email address is confirmed.", await page.GetByTestId("confirm-result").InnerTextAsync());

        await page.GotoAsync("/account");
        Assert.Contains("(confirmed)", await page.GetByTestId("account-summary").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.ToBeAtAsync("/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();

        await page.GotoAsync("/account");
        await page.ToBeAtAsync("/account/sign-in", anyQuery: true);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ToBeAtAsync("/account");
        await Expect(page.GetByTestId("account-status")).ToHaveTextAsync("Active");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/account");
        await page.ToBeAtAsync("/account/sign-in", anyQuery: true);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "sign-in-phone.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task StudentUnder16_WaitsForTheGuardian_WhoConsentsFromTheEmailedLink()
    {
        var child = await browser.NewPageAsync();
        var email = $"arjun.{Guid.NewGuid():N}@example.com";
        var guardianEmail = $"parent.{Guid.NewGuid():N}@example.com";
        var twelveYearsAgo = DateTime.UtcNow.AddYears(-12).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await child.GotoAsync("/account/sign-up");
        await child.GetByRole(AriaRole.Link, new() { Name = "తెలుగు" }).ClickAsync();
        await Expect(child.Locator("html")).ToHaveAttributeAsync("lang", "te");
        await child.GetByLabel("పూర్తి పేరు").FillAsync("Arjun Reddy");
        await child.GetByLabel("ఈమెయిల్", new() { Exact = true }).FillAsync(email);
        await child.GetByLabel("పాస్‌వర్డ్").FillAsync(Password);
        Assert.False(await child.GetByLabel("తల్లిదండ్రుల లేదా సంరక్షకుల ఈమెయిల్").IsVisibleAsync());
        await child.GetByLabel("పుట్టిన తేదీ").FillAsync(twelveYearsAgo);
        await child.GetByLabel("తల్లిదండ్రుల లేదా సంరక్షకుల ఈమెయిల్").FillAsync(guardianEmail);
        await child.GetByRole(AriaRole.Button, new() { Name = "ఖాతా సృష్టించండి" }).ClickAsync();
        await child.ToBeAtAsync("/onboarding?welcome=1");
        await child.GetByRole(AriaRole.Link, new() { Name = "నా ఖాతా" }).ClickAsync();
        await child.ToBeAtAsync("/account");
        await Expect(child.GetByTestId("account-status")).ToHaveTextAsync("మీ సంరక్షకుల అంగీకారం కోసం ఎదురుచూస్తోంది");

        // The guardian, on another device, opens the link from their email.
        var guardian = await browser.NewPageAsync(360, 740);
        await OpenMailAsync(guardian, guardianEmail, "/guardian/consent");
        Assert.Contains("Arjun Reddy", await guardian.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await guardian.GetByRole(AriaRole.Button, new() { Name = "I consent" }).ClickAsync();
        Assert.Equal("Thank you. Arjun Reddy can now use Gurukul.", (await guardian.GetByTestId("guardian-result").InnerTextAsync()).Trim());

        await child.ReloadAsync();
        Assert.Equal("సక్రియం", await child.GetByTestId("account-status").InnerTextAsync());
    }

    private static async Task OpenMailAsync(IPage page, string to, string linkPath)
    {
        await page.GotoAsync("/dev/mailbox");
        await page.Locator("tr", new() { HasText = to }).GetByRole(AriaRole.Link).First.ClickAsync();
        await page.Locator($"a[href*='{linkPath}']").First.ClickAsync();
        await page.ToBeAtAsync(linkPath, anyQuery: true);
    }
}
