using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

[Collection(BrowserTestGroup.Name)]
public sealed class ReferenceAdminJourneys(BrowserFixture browser)
{
    private const string Password = "rain on the tin roof tonight";

    [ChromiumFact]
    public async Task Admin_AddsASubjectFixingAMistake_RenamesABoard_AndThePublicListsShowIt_WithoutJavaScript()
    {
        var slug = $"robotics-basics-{Guid.NewGuid().ToString("N")[..6]}";
        // Every step is a plain link or form: it must all work with JavaScript off.
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await SignInAsAdminAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Reference data" }).ClickAsync();
        await page.ToBeAtAsync("/admin/reference");
        await Expect(page.GetByTestId("languages")).ToContainTextAsync("తెలుగు");
        await page.ScreenshotAsync(new() { Path = Shot("reference-languages"), FullPage = false });
        await page.GetByRole(AriaRole.Link, new() { Name = "Subjects", Exact = true }).ClickAsync();
        await page.ToBeAtAsync("/admin/reference?tab=subjects");
        await page.Locator("summary", new() { HasText = "Add a subject" }).ClickAsync();
        await page.GetByLabel("Slug").First.FillAsync("Robotics Basics");
        await page.GetByLabel("Name", new() { Exact = true }).First.FillAsync("Robotics for beginners");
        await page.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Programming & Software Development" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a subject" }).ClickAsync();

        // The form comes back open, with the message next to the slug and everything typed still there.
        var slugField = page.Locator("#subject-slug");
        await Expect(page.Locator("#subject-slug-error")).ToContainTextAsync("lowercase letters, digits and single hyphens");
        await Expect(slugField).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(slugField).ToHaveValueAsync("Robotics Basics");
        await Expect(page.Locator("#subject-name")).ToHaveValueAsync("Robotics for beginners");
        await Expect(page.Locator("#subject-category")).ToHaveValueAsync("programming");
        await page.ScreenshotAsync(new() { Path = Shot("reference-add-subject-error"), FullPage = false });
        await slugField.FillAsync(slug);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a subject" }).ClickAsync();

        await page.ToBeAtAsync($"/admin/reference/subjects/{slug}?done=added");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added");
        await Expect(page.GetByTestId("entry-key")).ToHaveTextAsync(slug);
        await page.ScreenshotAsync(new() { Path = Shot("reference-subject-added"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Reference data" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "School boards" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Board of Secondary Education, Telangana" }).ClickAsync();
        await page.ToBeAtAsync("/admin/reference/boards/bsetelangana");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Board of Secondary Education, Telangana State");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await page.ToBeAtAsync("/admin/reference/boards/bsetelangana?done=saved");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Board: Board of Secondary Education, Telangana State");

        var subjects = await PublicListAsync(page, "/api/v1/subjects");
        var programming = subjects.Single(c => c.GetProperty("slug").GetString() == "programming");
        Assert.Contains(programming.GetProperty("subjects").EnumerateArray(),
            s => s.GetProperty("slug").GetString() == slug && s.GetProperty("name").GetString() == "Robotics for beginners");
        var boards = await PublicListAsync(page, "/api/v1/boards");
        Assert.Equal("Board of Secondary Education, Telangana State", boards.Single(b => b.GetProperty("code").GetString() == "bsetelangana").GetProperty("name").GetString());

        // Deleting asks first. A subject the demo mentors teach cannot go; the new, unused one can.
        await page.GotoAsync("/admin/reference/subjects/jee-main");
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete “JEE Main”…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete" }).ClickAsync();
        await Expect(page.GetByTestId("delete-error")).ToContainTextAsync("JEE Main is in use (profiles using it:");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Shot("reference-delete-in-use-phone"), FullPage = true });

        await page.GotoAsync($"/admin/reference/subjects/{slug}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete “Robotics for beginners”…" }).ClickAsync();
        await Expect(page.GetByText("Delete “Robotics for beginners” for good?")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("reference-delete-confirm-phone"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete" }).ClickAsync();
        await page.ToBeAtAsync($"/admin/reference?tab=subjects&deleted={slug}");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Deleted “{slug}”");
        await page.ScreenshotAsync(new() { Path = Shot("reference-subjects-phone"), FullPage = false });
        Assert.DoesNotContain((await PublicListAsync(page, "/api/v1/subjects")).SelectMany(c => c.GetProperty("subjects").EnumerateArray()),
            s => s.GetProperty("slug").GetString() == slug);
        // A Telugu page names the board in Telugu, from the term dictionary (ADR 0022); the English rename shows in English.
        await page.GotoAsync("/admin/reference?tab=boards&culture=te");
        await Expect(page.GetByTestId("boards")).ToContainTextAsync("తెలంగాణ మాధ్యమిక విద్యా మండలి");
        await page.GotoAsync("/admin/reference?tab=boards&culture=en");
        await Expect(page.GetByTestId("boards")).ToContainTextAsync("Board of Secondary Education, Telangana State");
        await page.GotoAsync("/admin/reference?tab=boards&culture=te");
        await page.ScreenshotAsync(new() { Path = Shot("reference-boards-phone-te"), FullPage = false });
        await context.CloseAsync();
    }

    private static string Shot(string name) => Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png");

    private static async Task<List<JsonElement>> PublicListAsync(IPage page, string path)
    {
        var response = await page.Context.APIRequest.GetAsync(path);
        Assert.True(response.Ok, $"{path}: {response.Status}");
        return [.. (await response.JsonAsync())!.Value.GetProperty("items").EnumerateArray()];
    }

    private Task SignInAsAdminAsync(IPage page) => BrowserAccounts.SignInAsAdminAsync(browser, page, Password);
}
