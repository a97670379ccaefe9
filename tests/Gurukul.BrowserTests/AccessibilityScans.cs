using Gurukul.Features.Accounts;
using Gurukul.Features.Matching;
using Gurukul.Features.Profiles;
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
        await BrowserAccounts.SubmitSignInAsync(signIn, email, "a long enough password");
        // The same page comes back asking for the code: wait for it before typing into it.
        await Microsoft.Playwright.Assertions.Expect(signIn.GetByLabel("Authentication code")).ToBeVisibleAsync();
        await signIn.GetByLabel("Password").FillAsync("a long enough password");
        await signIn.GetByLabel("Authentication code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await signIn.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await signIn.ToBeAtAsync("/account");

        var (mentorId, _, _) = await VerificationJourneys.CreateApplicationAsync(browser, "Scan Mentor");
        Assert.Empty(await ScanAsync(
            [
                "/account", "/account?culture=te", "/admin/users", $"/admin/users/{userId}", "/admin/audit", "/admin/audit?culture=hi",
                "/admin/reference", "/admin/reference?tab=subjects&culture=te", "/admin/reference?tab=boards&culture=hi",
                "/admin/reference/languages/te", "/admin/reference/subject-categories/law", "/admin/reference/subjects/jee-main?confirm=delete",
                "/admin/reference/boards/cbse?culture=te",
                "/admin/verification", "/admin/verification?culture=hi&status=draft", $"/admin/verification/{mentorId}", $"/admin/verification/{mentorId}?culture=te",
            ],
            context.NewPageAsync, closeContext: false));
        await context.CloseAsync();
    }

    [ChromiumFact]
    public async Task OnboardingPages_InEveryLanguage_AndWithMessages_HaveNoSeriousAccessibilityViolations()
    {
        var school = await StudentWithProfileAsync(new StudentProfileRequest("school",
            "te", ["en"], "Science", ["JEE"], ["Cricket"], ["English"], "Guntur", "Andhra Pradesh", "IN", "Asia/Kolkata",
            School: new SchoolDetails("ZP High School", "bseap", 11, ["school-mathematics", "school-physics", "school-chemistry"], Stream: "MPC")));
        var college = await StudentWithProfileAsync(new StudentProfileRequest("college",
            "hi", [], "Engineering", [], [], [], "Hyderabad", "Telangana", "IN", "Asia/Kolkata",
            College: new CollegeDetails("Osmania University", "B.Tech", "Civil", 3, 7.5m)));

        var context = await SignedInContextAsync(school);
        var failures = await ScanAsync(
            ["/onboarding", "/onboarding/level", "/onboarding/school", "/onboarding/goals", "/onboarding/interests", "/onboarding/preferences",
             "/onboarding/done", "/onboarding/school?culture=te", "/onboarding/preferences?culture=hi", "/onboarding/basics?culture=te"],
            context.NewPageAsync, closeContext: false);
        // A step that came back with messages next to its fields.
        var page = await context.NewPageAsync();
        await page.GotoAsync("/onboarding/school");
        await page.GetByLabel("Physics (School)").UncheckAsync();
        await page.GetByLabel("School name").FillAsync("");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#subjects-error")).ToBeVisibleAsync();
        failures.AddRange(await AxeAsync(page, "/onboarding/school with messages"));
        await context.CloseAsync();

        context = await SignedInContextAsync(college);
        failures.AddRange(await ScanAsync(["/onboarding/college", "/account", "/account?culture=te", "/account?culture=hi"], context.NewPageAsync, closeContext: false));
        await context.CloseAsync();
        Assert.Empty(failures);
    }

    [ChromiumFact]
    public async Task FavouritesPages_EmptyAndWithMentors_InEveryLanguage_HaveNoSeriousAccessibilityViolations()
    {
        var empty = $"scan.favourites.{Guid.NewGuid():N}@example.com";
        await BrowserAccounts.CreateAsync(browser, empty, "Scan Student", Roles.Student, "a long enough password");
        var full = $"scan.favourites.{Guid.NewGuid():N}@example.com";
        var fullId = await BrowserAccounts.CreateAsync(browser, full, "Scan Student", Roles.Student, "a long enough password");
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var mentors = scope.ServiceProvider.GetRequiredService<Gurukul.Platform.Data.GurukulDbContext>().MentorProfiles;
            var preferences = scope.ServiceProvider.GetRequiredService<MentorPreferencesService>();
            foreach (var (slug, action) in new[] { ("lakshmi-prasanna-reddy", "favorite"), ("sai-teja-goud", "favorite"), ("harika-chowdary", "hide") })
            {
                var id = mentors.Where(m => m.Slug == slug).Select(m => m.Id).Single();
                await preferences.SetAsync(fullId, id.ToString(), action, CancellationToken.None);
            }
        }

        var context = await SignedInContextAsync(empty);
        var failures = await ScanAsync(["/favourites", "/favourites?culture=hi", "/favourites?culture=te"], context.NewPageAsync, closeContext: false);
        await context.CloseAsync();
        context = await SignedInContextAsync(full);
        failures.AddRange(await ScanAsync(
            ["/favourites?preference=hide", "/favourites?culture=hi&preference=favorite", "/favourites?culture=te&preference=unhide",
             "/mentors/lakshmi-prasanna-reddy?preference=favorite", "/mentors/harika-chowdary?culture=te&preference=hide"],
            context.NewPageAsync, closeContext: false));
        await context.CloseAsync();
        Assert.Empty(failures);
    }

    private async Task<string> StudentWithProfileAsync(StudentProfileRequest profile)
    {
        var email = $"scan.student.{Guid.NewGuid():N}@example.com";
        var userId = await BrowserAccounts.CreateAsync(browser, email, "Scan Student", Roles.Student, "a long enough password");
        await using var scope = browser.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StudentProfileService>().SaveAsync(userId, profile, CancellationToken.None);
        return email;
    }

    private async Task<Microsoft.Playwright.IBrowserContext> SignedInContextAsync(string email)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), BypassCSP = true });
        var signIn = await context.NewPageAsync();
        await BrowserAccounts.SignInAsync(signIn, email, "a long enough password");
        await signIn.CloseAsync();
        return context;
    }

    [ChromiumFact]
    public async Task MentorApplicationPages_ForASignedInMentor_HaveNoSeriousAccessibilityViolations()
    {
        // Sent back with a reason: the hub then shows the reason and a history, the documents their remove buttons.
        var mentor = await MentorApplicationSetup.MentorAsync(browser);
        await MentorApplicationSetup.SubmitAsync(browser, mentor);
        await MentorApplicationSetup.MoveAsync(browser, mentor.Email, "reapplication_required", "Add your degree certificate, please.");
        // And one with a profile but no documents yet: the empty list and the unmet checklist.
        var newcomer = await MentorApplicationSetup.MentorAsync(browser, documentName: null);

        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), BypassCSP = true });
        await MentorApplicationSetup.SignInAsync(await context.NewPageAsync(), mentor.Email);
        var documentId = await (await context.APIRequest.GetAsync("/mentor/application/documents")).TextAsync() is var html
            && System.Text.RegularExpressions.Regex.Match(html, "id=\"document-([0-9a-f-]+)\"") is { Success: true } match ? match.Groups[1].Value : "";
        Assert.NotEmpty(documentId);

        Assert.Empty(await ScanAsync(
            [
                "/account", "/mentor/application", "/mentor/application?culture=hi", "/mentor/application?culture=te",
                "/mentor/application/profile", "/mentor/application/profile?culture=te", "/mentor/application/documents",
                $"/mentor/application/documents?remove={documentId}&culture=hi", "/mentor/application/review", "/mentor/application/review?culture=te",
            ],
            context.NewPageAsync, closeContext: false));
        await context.CloseAsync();

        var fresh = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), BypassCSP = true });
        await MentorApplicationSetup.SignInAsync(await fresh.NewPageAsync(), newcomer.Email);
        Assert.Empty(await ScanAsync(["/mentor/application/documents", "/mentor/application/review?culture=hi"], fresh.NewPageAsync, closeContext: false));
        await fresh.CloseAsync();
    }

    [ChromiumFact]
    public async Task SchedulingPages_InEveryLanguage_HaveNoSeriousAccessibilityViolations()
    {
        // A profile with its calendar (in the reader's zone, beside the mentor's), the search with "free this week", and the
        // mentor's own availability page with its preview and with messages beside fields.
        var calendar = await SchedulingSetup.PublicMentorAsync(browser, "Scan Calendar", SchedulingSetup.EveryDay("Europe/London", "09:00", "12:00"));
        var failures = await ScanAsync(
            [.. new[] { "en", "hi", "te" }.SelectMany(culture => new[]
            {
                $"/mentors/{calendar.Slug}?tz=Asia/Kolkata&culture={culture}", $"/mentors?available=week&culture={culture}",
            })],
            () => browser.NewPageAsync(390, 844, bypassContentSecurityPolicy: true));

        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), BypassCSP = true });
        await MentorApplicationSetup.SignInAsync(await context.NewPageAsync(), calendar.Email);
        failures.AddRange(await ScanAsync(["/mentor/availability", "/mentor/availability?culture=hi", "/mentor/availability?culture=te"], context.NewPageAsync, closeContext: false));
        var withErrors = await context.NewPageAsync();
        await withErrors.GotoAsync("/mentor/availability?culture=te");
        await withErrors.Locator("#w-1-0-start").FillAsync("12:00");
        await withErrors.Locator("#w-1-0-end").FillAsync("10:00");
        await withErrors.Locator("form button[type=submit]").ClickAsync();
        await withErrors.GetByTestId("form-errors").WaitForAsync();
        failures.AddRange(await AxeAsync(withErrors, "/mentor/availability (te, with errors)"));
        await context.CloseAsync();
        Assert.Empty(failures);
    }

    private async Task<List<string>> ScanAsync(IEnumerable<string> paths, Func<Task<Microsoft.Playwright.IPage>> newPage, bool closeContext = true)
    {
        var failures = new List<string>();
        foreach (var path in paths)
        {
            var page = await newPage();
            await page.GotoAsync(path);
            failures.AddRange(await AxeAsync(page, path));
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

    private Task<List<string>> AxeAsync(Microsoft.Playwright.IPage page, string path) => AxeScan.SeriousAsync(page, path, output);
}
