using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

/// <summary>
/// Issue 17 in Chromium, as Hindi and Telugu students on a 390-pixel phone would meet it: the search box's own examples
/// find mentors and say why, the first result is on the first screen, filters and chips speak the page's language, and
/// an admin's new Telugu name for a subject is searchable at once.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LanguageJourneys(BrowserFixture browser)
{
    private const string Password = "tabla lessons by the river at dusk";

    [ChromiumFact]
    public async Task InHindi_OnAPhone_TheSearchBoxsOwnExamplesFindMentors_FirstResultAboveTheFold()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/language/hi?returnUrl=" + Uri.EscapeDataString("/mentors"));
        var examples = await page.GetByTestId("search-examples").GetByRole(AriaRole.Link).AllInnerTextsAsync();
        Assert.Equal(["JEE भौतिकी", "Priya Sharma", "भौतिक विज्ञान"], examples);

        foreach (var example in examples)
        {
            await page.GetByTestId("search-examples").GetByRole(AriaRole.Link, new() { Name = example, Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("search-status")).ToHaveTextAsync(new Regex("^मिले मेंटर: [1-9]"));
            await Expect(page.Locator("#search-q")).ToHaveValueAsync(example);
            await ExpectFirstResultAboveTheFoldAsync(page, $"hi-{example}");
        }

        // "भौतिक विज्ञान" found Priya Sharma because she teaches physics: the card says so in Hindi.
        await Expect(page.Locator("article.card", new() { HasText = "Priya Sharma" }).GetByTestId("match-reasons"))
            .ToContainTextAsync("भौतिक विज्ञान (स्कूल) पढ़ाते हैं — “भौतिक विज्ञान” से मिला");
        // The filters are behind one button; their subjects are named in Hindi, and choosing one is counted on the button.
        var toggle = page.GetByTestId("search-filter-toggle");
        await Expect(toggle).ToHaveTextAsync("फ़िल्टर");
        await toggle.ClickAsync();
        var subject = page.GetByRole(AriaRole.Search).GetByLabel("विषय", new() { Exact = true });
        await Expect(subject.Locator("option[value='school-physics']")).ToHaveTextAsync(new Regex("^भौतिक विज्ञान \\(स्कूल\\) · "));
        await subject.SelectOptionAsync("school-physics");
        await Expect(toggle).ToHaveTextAsync("फ़िल्टर (1 चालू)");
        await page.ScreenshotAsync(new() { Path = Shot("language-hi-phone-filters") });
    }

    [ChromiumFact]
    public async Task InTelugu_OnAPhone_ExamplesFindMentors_AndTheHomeChipsLeadToTheFilteredSearch()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/language/te?returnUrl=" + Uri.EscapeDataString("/mentors"));
        var examples = await page.GetByTestId("search-examples").GetByRole(AriaRole.Link).AllInnerTextsAsync();
        Assert.Equal(["JEE ఫిజిక్స్", "Priya Sharma", "భౌతిక శాస్త్రం"], examples);
        foreach (var example in examples)
        {
            await page.GetByTestId("search-examples").GetByRole(AriaRole.Link, new() { Name = example, Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("search-status")).ToHaveTextAsync(new Regex("^దొరికిన మెంటార్లు: [1-9]"));
            await ExpectFirstResultAboveTheFoldAsync(page, $"te-{example}");
        }

        await Expect(page.Locator("article.card", new() { HasText = "Srinivas Rao Kandula" }).GetByTestId("match-reasons"))
            .ToContainTextAsync("భౌతిక శాస్త్రం (పాఠశాల) బోధిస్తారు — “భౌతిక శాస్త్రం”కి సరిపోలింది");
        // Typed in Telugu letters, the city filter's suggestions still offer the city.
        await page.GetByTestId("search-filter-toggle").ClickAsync();
        await page.GetByLabel("నగరం").PressSequentiallyAsync("విశాఖ");
        await Expect(page.Locator("#search-city-options option[value='Visakhapatnam']")).ToHaveCountAsync(1);

        await page.GotoAsync("/");
        var chip = page.GetByTestId("subject-chip").Filter(new() { HasText = "గణితం (పాఠశాల)" });
        await Expect(chip).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Shot("language-te-phone-home") });
        await chip.ClickAsync();
        await page.ToBeAtAsync("/mentors?subject=school-mathematics");
        await Expect(page.GetByTestId("search-filter-toggle")).ToHaveTextAsync("ఫిల్టర్లు (1 ఎంచుకున్నవి)");
        await Expect(page.GetByTestId("search-status")).ToHaveTextAsync(new Regex("^దొరికిన మెంటార్లు: [1-9]"));

        await page.GotoAsync("/");
        await page.GetByTestId("language-chip").Filter(new() { HasText = "తెలుగు" }).ClickAsync();
        await page.ToBeAtAsync("/mentors?language=te");
        // And the home page's own search box searches.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "మెంటార్‌ను వెతకండి" }).FillAsync("ganitham");
        await page.GetByRole(AriaRole.Button, new() { Name = "వెతకండి" }).ClickAsync();
        await page.ToBeAtAsync("/mentors?q=ganitham");
        await Expect(page.Locator("article.card", new() { HasText = "Lakshmi Prasanna Reddy" })).ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task AnAdminAddsATeluguNameToASubject_AndSearchFindsItAtOnce()
    {
        // A word nobody has used: only the admin's new term can lead to Vikram Singh Rathore, who teaches tabla.
        const string word = "తబలావాదనం";
        var admin = await browser.NewPageAsync();
        await BrowserAccounts.SignInAsAdminAsync(browser, admin, Password);
        await admin.GotoAsync("/admin/reference/subjects/tabla");
        var terms = admin.GetByTestId("terms-section");
        await terms.GetByRole(AriaRole.Link, new() { Name = "Edit: Telugu" }).ClickAsync();
        await admin.ToBeAtAsync("/admin/reference/terms/subjects/tabla/te");
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("తబలా వాద్యం");
        await admin.GetByLabel("Other words").FillAsync($"తబలా\n{word}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await admin.ToBeAtAsync("/admin/reference/terms/subjects/tabla/te?done=saved");
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Search understands these words from now on.");
        await admin.ScreenshotAsync(new() { Path = Shot("language-admin-terms") });

        var student = await browser.NewPageAsync(390, 844);
        await student.GotoAsync("/language/te?returnUrl=" + Uri.EscapeDataString("/mentors?q=" + Uri.EscapeDataString(word)));
        var card = student.Locator("article.card", new() { HasText = "Vikram Singh Rathore" });
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.GetByTestId("match-reasons")).ToContainTextAsync($"తబలా వాద్యం బోధిస్తారు — “{word}”కి సరిపోలింది");

        // The missing-translations view knows Telugu has a name for everything, Tamil for nothing yet.
        await admin.GotoAsync("/admin/reference?tab=translations&language=ta");
        await Expect(admin.GetByTestId("missing-subjects")).ToContainTextAsync("Tabla");
    }

    /// <summary>The first card's top is inside the phone's first screen, without scrolling.</summary>
    private static async Task ExpectFirstResultAboveTheFoldAsync(IPage page, string shot)
    {
        var first = page.Locator("article.card").First;
        await Expect(first).ToBeVisibleAsync();
        var box = await first.BoundingBoxAsync();
        var height = await page.EvaluateAsync<int>("() => window.innerHeight");
        Assert.True(box is not null && box.Y + 48 < height, $"{shot}: the first result starts at {box?.Y}px of a {height}px screen");
        await page.ScreenshotAsync(new() { Path = Shot($"language-phone-{shot.Replace(' ', '-')}") });
    }

    private static string Shot(string name) => Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png");
}
