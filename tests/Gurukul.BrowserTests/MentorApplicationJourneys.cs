using Gurukul.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

[Collection(BrowserTestGroup.Name)]
public sealed class MentorApplicationJourneys(BrowserFixture browser)
{
    private const string Password = "a long enough password";

    [ChromiumFact]
    public async Task Mentor_Applies_FixesAnError_UploadsAnIdProof_Submits_IsRejected_ReadsWhy_AndSubmitsAgain()
    {
        // A browser in India: the profile's time zone comes from it (Chromium calls it Asia/Calcutta).
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 }, TimezoneId = "Asia/Kolkata",
        });
        var page = await context.NewPageAsync();
        var email = $"kavya.{Guid.NewGuid():N}@example.com";

        await page.GotoAsync("/account/sign-up");
        await page.GetByLabel("Mentor", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Full name").FillAsync("Kavya Menon");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.ToBeAtAsync("/account?welcome=1");

        // The account page and the navigation both lead to the application.
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My application" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Open my application" }).ClickAsync();
        await page.ToBeAtAsync("/mentor/application");
        await Expect(page.GetByTestId("application-status")).ToHaveTextAsync("Not started");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start: Your profile" }).ClickAsync();
        await page.ToBeAtAsync("/mentor/application/profile");

        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Asia/Kolkata");
        await page.GetByLabel("Headline").FillAsync("Physics mentor for JEE · IIT Madras");
        await page.GetByLabel("About you").FillAsync("I teach mechanics with things students can hold: a ruler, a coin, a phone's accelerometer.");
        await page.GetByLabel("University or college you studied at").FillAsync("IIT Madras");
        await page.GetByLabel("Years of teaching or work experience").FillAsync("60");
        await page.GetByLabel("Areas of expertise").FillAsync("Mechanics, Problem solving");
        await page.Locator("summary", new() { HasText = "Engineering & Medical Entrance Exams" }).ClickAsync();
        await page.GetByLabel("JEE Advanced").CheckAsync();
        await page.Locator("summary", new() { HasText = "School Subjects" }).ClickAsync();
        await page.GetByLabel("Physics (School)").CheckAsync();
        await page.GetByLabel("School students (classes 6–12)").CheckAsync();
        await page.GetByLabel("Hourly rate").FillAsync("800");
        await page.GetByLabel("Main teaching language").SelectOptionAsync("ml");
        await page.GetByRole(AriaRole.Group, new() { Name = "Other languages you teach in" }).GetByLabel("English").CheckAsync();
        await page.GetByLabel("City").FillAsync("Chennai");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // Back with the message beside the field, everything typed still there.
        await Expect(page.Locator("#experience-error")).ToHaveTextAsync("Experience must be from 0 to 50 years.");
        await Expect(page.GetByLabel("Years of teaching or work experience")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Headline")).ToHaveValueAsync("Physics mentor for JEE · IIT Madras");
        await Expect(page.GetByLabel("JEE Advanced")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Asia/Kolkata");
        await page.ScreenshotAsync(new() { Path = Shot("mentor-application-profile-error-desktop.png"), FullPage = true });
        await page.GetByLabel("Years of teaching or work experience").FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        await page.ToBeAtAsync("/mentor/application/documents?done=profile");
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("Your profile is saved.");
        // A 12 MB scan is refused on the form, in words, not by the server's error page.
        await page.GetByLabel("Kind of document").SelectOptionAsync("id_proof");
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "scan.pdf", MimeType = "application/pdf", Buffer = [.. SampleFiles.Pdf(), .. new byte[12 * 1024 * 1024]],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(page.Locator("#file-error")).ToHaveTextAsync("The file is larger than 10 MB. Upload a smaller file.");
        await Expect(page.GetByLabel("Kind of document")).ToHaveValueAsync("id_proof");
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "aadhaar.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf("Aadhaar: Kavya Menon"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await page.ToBeAtAsync("/mentor/application/documents?done=uploaded");
        await Expect(page.GetByTestId("documents")).ToContainTextAsync("ID proof");
        await Expect(page.GetByTestId("documents")).ToContainTextAsync("aadhaar.pdf");
        // The signed link serves the very bytes (the page opens it in a new tab).
        var link = await page.GetByRole(AriaRole.Link, new() { Name = "View aadhaar.pdf (opens in a new tab)" }).GetAttributeAsync("href");
        var served = await page.APIRequest.GetAsync(link!);
        Assert.Equal(SampleFiles.Pdf("Aadhaar: Kavya Menon"), await served.BodyAsync());
        await page.ScreenshotAsync(new() { Path = Shot("mentor-application-documents-desktop.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Continue: Review and submit" }).ClickAsync();
        await page.ToBeAtAsync("/mentor/application/review");
        await Expect(page.GetByTestId("profile-summary")).ToContainTextAsync("₹800");
        await Expect(page.GetByTestId("profile-summary")).ToContainTextAsync("JEE Advanced");
        await Expect(page.Locator("[data-state='missing']")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my application" }).ClickAsync();
        await page.ToBeAtAsync("/mentor/application?done=submitted");
        await Expect(page.GetByTestId("application-status")).ToHaveTextAsync("Submitted, waiting for review");
        await Expect(page.GetByTestId("next-step")).ToContainTextAsync("we will email you at every step");
        await page.ScreenshotAsync(new() { Path = Shot("mentor-application-pending-desktop.png"), FullPage = true });

        // The Gurukul team rejects it, with a reason.
        const string reason = "The ID proof is too blurred to read. Please upload a sharper scan of your Aadhaar card.";
        await MentorApplicationSetup.MoveAsync(browser, email, "rejected", reason);

        await page.ReloadAsync();
        await Expect(page.GetByTestId("application-status")).ToHaveTextAsync("Rejected");
        await Expect(page.GetByTestId("decision-reason")).ToContainTextAsync(reason);
        await Expect(page.GetByTestId("history")).ToContainTextAsync("by the Gurukul team");
        await page.ScreenshotAsync(new() { Path = Shot("mentor-application-rejected-desktop.png"), FullPage = true });

        // The email says the same and links back to the application.
        await page.GotoAsync("/dev/mailbox");
        await page.Locator("tr", new() { HasText = email }).GetByRole(AriaRole.Link, new() { Name = "Your Gurukul mentor application: Rejected" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(reason);
        await page.Locator("a[href$='/mentor/application']").First.ClickAsync();
        await page.ToBeAtAsync("/mentor/application");

        // The mentor fixes it: a sharper scan, the blurred one removed (after confirming), and submits again.
        await page.GetByRole(AriaRole.Link, new() { Name = "2. Verification documents" }).ClickAsync();
        await page.GetByLabel("Kind of document").SelectOptionAsync("id_proof");
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "aadhaar-sharp.png", MimeType = "image/png", Buffer = SampleFiles.Png(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await page.ToBeAtAsync("/mentor/application/documents?done=uploaded");
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove aadhaar.pdf" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove it" }).ClickAsync();
        await page.ToBeAtAsync("/mentor/application/documents?done=removed");
        await Expect(page.GetByTestId("documents")).Not.ToContainTextAsync("aadhaar.pdf");
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue: Review and submit" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit again" }).ClickAsync();
        await page.ToBeAtAsync("/mentor/application?done=submitted");
        await Expect(page.GetByTestId("application-status")).ToHaveTextAsync("Submitted, waiting for review");
        await Expect(page.GetByTestId("decision-reason")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("history").Locator("li")).ToHaveCountAsync(3);
        await context.CloseAsync();
    }

    [ChromiumFact]
    public async Task InTelugu_OnA390PixelPhone_EveryStepFitsTheScreen_AndMessagesAreInTelugu()
    {
        var mentor = await MentorApplicationSetup.MentorAsync(browser, locale: "te", documentName: "ఆధార్.pdf");
        var page = await browser.NewPageAsync(390, 844);
        await MentorApplicationSetup.SignInAsync(page, mentor.Email);
        await page.GotoAsync("/language/te?returnUrl=%2Fmentor%2Fapplication");
        await page.ToBeAtAsync("/mentor/application");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "te");
        await Expect(page.GetByTestId("application-status")).ToHaveTextAsync("డ్రాఫ్ట్");

        await page.GotoAsync("/mentor/application/profile");
        await page.GetByLabel("గంటకు ఫీజు").FillAsync("ఎనిమిది వందలు");
        await page.GetByRole(AriaRole.Button, new() { Name = "సేవ్ చేసి కొనసాగించండి" }).ClickAsync();
        await Expect(page.Locator("#rate-error")).ToHaveTextAsync("గంటకు ఫీజు 0 కంటే ఎక్కువగా, 1,00,000 వరకు రాయండి, ఉదా. 800 లేదా 750.50.");
        await ExpectFitsAsync(page, "mentor-application-profile-te-phone.png");
        // Telugu digits are read as numbers.
        await page.GetByLabel("గంటకు ఫీజు").FillAsync("౮౦౦");
        await page.GetByRole(AriaRole.Button, new() { Name = "సేవ్ చేసి కొనసాగించండి" }).ClickAsync();
        await page.ToBeAtAsync("/mentor/application/documents?done=profile");
        await Expect(page.GetByTestId("documents")).ToContainTextAsync("ఆధార్.pdf");
        await ExpectFitsAsync(page, "mentor-application-documents-te-phone.png");

        await page.GotoAsync("/mentor/application/review");
        await Expect(page.GetByTestId("profile-summary")).ToContainTextAsync("₹800");
        await ExpectFitsAsync(page, "mentor-application-review-te-phone.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "నా దరఖాస్తు పంపండి" }).ClickAsync();
        await page.ToBeAtAsync("/mentor/application?done=submitted");
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("మీ దరఖాస్తు పంపబడింది. దాని రసీదును మీకు ఈమెయిల్ చేశాం.");
        await ExpectFitsAsync(page, "mentor-application-hub-te-phone.png");
        await page.Context.CloseAsync();
    }

    private static async Task ExpectFitsAsync(IPage page, string screenshot)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the screen");
        await page.ScreenshotAsync(new() { Path = Shot(screenshot), FullPage = true });
    }

    private static string Shot(string name) => Path.Combine(BrowserFixture.ArtifactsDirectory, name);
}
