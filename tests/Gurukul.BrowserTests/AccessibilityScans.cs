using System.Text.Json;
using Gurukul.Features.Accounts;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Gurukul.BrowserTests;

/// <summary>axe-core (from npm) checks each page against WCAG 2.2 A and AA rules; serious or critical findings fail.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityScans(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string AxeScript = Path.Combine(RepositoryPaths.Root, "node_modules", "axe-core", "axe.min.js");

    [ChromiumFact]
    public async Task Pages_InEveryLanguage_HaveNoSeriousAccessibilityViolations()
    {
        string[] paths =
        [
            "/", "/mentors", "/no-such-page", "/?culture=hi", "/?culture=te", "/mentors?culture=te",
            "/account/sign-up", "/account/sign-up?culture=te", "/account/sign-in", "/account/sign-in?culture=hi",
            "/account/forgot-password", "/account/reset-password?token=x", "/guardian/consent?token=x", "/dev/mailbox", "/account/confirm-email?token=x",
            "/mentors/srinivas-rao-kandula", "/mentors/srinivas-rao-kandula?culture=hi", "/mentors/srinivas-rao-kandula?culture=te",
            "/mentors?q=phisics&language=te&level=school", "/mentors?q=xyzzyq&culture=hi", "/mentors?minRating=9&culture=te",
            "/mentors?subject=jee-main&price=500_999&sort=price_asc",
        ];
        Assert.Empty(await ScanAsync(paths, () => browser.NewPageAsync(bypassContentSecurityPolicy: true)));
    }

    [ChromiumFact]
    public async Task SignedInAndAdminPages_HaveNoSeriousAccessibilityViolations()
    {
        var email = $"scan.admin.{Guid.NewGuid():N}@example.com";
        string key;
        string userId;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var admin = new User { UserName = email, Email = email, Name = "Scan Admin", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(admin, "a long enough password")).Succeeded);
            Assert.True((await users.AddToRoleAsync(admin, Roles.Admin)).Succeeded);
            Assert.True((await users.ResetAuthenticatorKeyAsync(admin)).Succeeded);
            Assert.True((await users.SetTwoFactorEnabledAsync(admin, true)).Succeeded);
            key = (await users.GetAuthenticatorKeyAsync(admin))!;
            userId = admin.Id;
        }

        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), BypassCSP = true });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/account/sign-in");
        await signIn.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await signIn.GetByLabel("Password").FillAsync("a long enough password");
        await signIn.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The same page comes back asking for the code: wait for it before typing into it.
        await Microsoft.Playwright.Assertions.Expect(signIn.GetByLabel("Authentication code")).ToBeVisibleAsync();
        await signIn.GetByLabel("Password").FillAsync("a long enough password");
        await signIn.GetByLabel("Authentication code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await signIn.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await signIn.ToBeAtAsync("/account");

        Assert.Empty(await ScanAsync(
            [
                "/account", "/account?culture=te", "/admin/users", $"/admin/users/{userId}", "/admin/audit", "/admin/audit?culture=hi",
                "/admin/reference", "/admin/reference?tab=subjects&culture=te", "/admin/reference?tab=boards&culture=hi",
                "/admin/reference/languages/te", "/admin/reference/subject-categories/law", "/admin/reference/subjects/jee-main?confirm=delete",
                "/admin/reference/boards/cbse?culture=te",
            ],
            context.NewPageAsync, closeContext: false));
        await context.CloseAsync();
    }

    private async Task<List<string>> ScanAsync(IEnumerable<string> paths, Func<Task<Microsoft.Playwright.IPage>> newPage, bool closeContext = true)
    {
        var failures = new List<string>();
        foreach (var path in paths)
        {
            var page = await newPage();
            await page.GotoAsync(path);
            await page.AddScriptTagAsync(new() { Path = AxeScript });
            var json = await page.EvaluateAsync<JsonElement>(
                "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations" +
                ".map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }))");
            foreach (var violation in json.EnumerateArray())
            {
                var line = $"{path}: {violation.GetProperty("id").GetString()} ({violation.GetProperty("impact").GetString()}) " +
                    $"{violation.GetProperty("help").GetString()} on {violation.GetProperty("nodes").GetInt32()} element(s)";
                output.WriteLine(line);
                if (violation.GetProperty("impact").GetString() is "serious" or "critical")
                {
                    failures.Add(line);
                }
            }

            if (closeContext)
            {
                await page.Context.CloseAsync();
            }
            else
            {
                await page.CloseAsync();
            }
        }

        return failures;
    }
}
