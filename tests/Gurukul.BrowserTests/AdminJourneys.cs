using Gurukul.Features.Accounts;
using Gurukul.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

[Collection(BrowserTestGroup.Name)]
public sealed class AdminJourneys(BrowserFixture browser)
{
    private const string Password = "tea on the veranda at dusk";

    [ChromiumFact]
    public async Task Admin_SetsUpTwoFactor_ThenSuspendsAStudent_WhoIsSignedOutAtOnce_AndItIsAudited()
    {
        var adminEmail = $"admin.{Guid.NewGuid():N}@example.com";
        var studentEmail = $"kiran.{Guid.NewGuid():N}@example.com";
        await CreateUserAsync(adminEmail, "Lakshmi Admin", Roles.Admin);
        await CreateUserAsync(studentEmail, "Kiran Kumar", Roles.Student);

        var student = await browser.NewPageAsync();
        await SignInAsync(student, studentEmail);

        var admin = await browser.NewPageAsync();
        await SignInAsync(admin, adminEmail);
        await Expect(admin.Locator("main")).ToContainTextAsync("must use two-factor sign-in");
        await admin.GotoAsync("/admin/users");
        Assert.Contains("can't open this page", await admin.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);

        await admin.GotoAsync("/account");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Set up two-factor sign-in" }).ClickAsync();
        var key = (await admin.GetByTestId("two-factor-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await Expect(admin.GetByAltText("QR code for your authenticator app", new() { Exact = false })).ToBeVisibleAsync();
        await admin.GetByLabel("Authentication code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(admin.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);

        // The next page knows the new sign-in state: the staff link appears.
        await admin.GetByRole(AriaRole.Link, new() { Name = "My account" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await admin.GetByLabel("Email or name").FillAsync(studentEmail);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Kiran Kumar" }).ClickAsync();
        await admin.GetByLabel("Reason").FillAsync("Impersonated a mentor");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Suspend and sign out everywhere" }).ClickAsync();
        await Expect(admin.GetByTestId("admin-user-status")).ToHaveTextAsync("Suspended");

        // The student's open page: the very next request finds the session gone.
        await student.ReloadAsync();
        await student.ToBeAtAsync("/account/sign-in", anyQuery: true);

        await admin.GotoAsync("/admin/audit?action=account.suspended");
        Assert.Contains("Impersonated a mentor", await admin.GetByTestId("audit").InnerTextAsync(), StringComparison.Ordinal);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "admin-audit.png"), FullPage = true });
    }

    private Task<string> CreateUserAsync(string email, string name, string role) =>
        BrowserAccounts.CreateAsync(browser, email, name, role, Password, new NodaTime.LocalDate(1990, 1, 1));

    private static Task SignInAsync(IPage page, string email) => BrowserAccounts.SignInAsync(page, email, Password);
}
