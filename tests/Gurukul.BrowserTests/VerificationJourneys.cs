using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Features.Accounts;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

/// <summary>The staff side of mentor verification: the queue, an application with its documents inline, moving it to approved.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class VerificationJourneys(BrowserFixture browser)
{
    private const string Password = "tea on the veranda at dusk";

    [ChromiumFact]
    public async Task Admin_OpensTheQueue_PreviewsTheDocumentsInline_AndMovesTheApplicationStepByStepToApproved()
    {
        var mentor = await CreateApplicationAsync(browser, "Priya Sharma", locale: "hi");
        var context = await SignedInStaffAsync(browser);
        var page = await context.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Link, new() { Name = "Verification queue" }).ClickAsync();
        await page.ToBeAtAsync("/admin/verification");
        var row = page.GetByTestId("queue").Locator($"tr[data-mentor-id='{mentor.MentorId}']");
        await Expect(row).ToContainTextAsync("Submitted, waiting for review");
        await Expect(row).ToContainTextAsync(SampleMentor.Headline);
        await Expect(row.GetByTestId("document-count")).ToHaveTextAsync("2");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "verification-queue.png"), FullPage = true });

        await row.GetByRole(AriaRole.Link, new() { Name = "Priya Sharma" }).ClickAsync();
        await page.ToBeAtAsync($"/admin/verification/{mentor.MentorId}");
        await ExpectDocumentsPreviewedAsync(page);

        // A move without a status, then a rejection without a reason: the messages stand next to the fields, input kept.
        await page.GetByLabel("Notes").FillAsync("Looked at the ID.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move application" }).ClickAsync();
        await Expect(page.Locator("#move-status-error")).ToHaveTextAsync("Choose the new status.");
        await Expect(page.GetByLabel("Notes")).ToHaveValueAsync("Looked at the ID.");
        await page.GetByLabel("Rejected", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Notes").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move application" }).ClickAsync();
        await Expect(page.Locator("#notes-error")).ToContainTextAsync("Give a reason for “Rejected”");
        await Expect(page.GetByLabel("Rejected", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Notes")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.Locator("section[aria-labelledby='move-title']").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "verification-move-error.png") });

        (string Status, string Label, string Notes)[] steps =
        [
            ("documents_under_review", "Documents under review", "Aadhaar and degree received; checking them."),
            ("background_check_in_progress", "Background check in progress", "Documents match DigiLocker."),
            ("interview_scheduled", "Interview scheduled", "Background check clear."),
            ("trial_session_required", "Trial session required", "Interview went well."),
            ("approved", "Approved", "Trial session with a Class 11 student: excellent."),
        ];
        foreach (var (status, label, notes) in steps)
        {
            await page.GetByLabel(label, new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Notes").FillAsync(notes);
            await page.GetByRole(AriaRole.Button, new() { Name = "Move application" }).ClickAsync();
            await page.ToBeAtAsync($"/admin/verification/{mentor.MentorId}?moved={status}");
            await Expect(page.GetByTestId("moved")).ToHaveTextAsync($"Moved to “{label}”. The mentor has been emailed.");
            await Expect(page.GetByTestId("application-status")).ToHaveTextAsync(label);
            await Expect(page.GetByTestId("history").Locator("li").First).ToContainTextAsync(notes);
        }

        // Approved: the only move left is a suspension.
        await Expect(page.GetByRole(AriaRole.Radio)).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Suspended", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("history").Locator("li")).ToHaveCountAsync(6);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "verification-application.png"), FullPage = true });

        var phone = await context.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync($"/admin/verification/{mentor.MentorId}");
        await ExpectDocumentsPreviewedAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "verification-application-phone.png"), FullPage = true });
        // What the phone shows first, and the form after the documents, at their real size.
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "verification-application-phone-top.png") });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Move application" }).ScrollIntoViewIfNeededAsync();
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "verification-application-phone-form.png") });
        Assert.Equal("", await WiderThanTheScreenAsync(phone));
        await phone.GotoAsync("/admin/verification?status=approved");
        await Expect(phone.GetByTestId("queue").Locator($"tr[data-mentor-id='{mentor.MentorId}']")).ToContainTextAsync("Approved");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "verification-queue-phone.png") });
        Assert.Equal("", await WiderThanTheScreenAsync(phone));

        // The account page of the mentor leads to their application.
        await page.GotoAsync($"/admin/users/{mentor.UserId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mentor application" }).ClickAsync();
        await page.ToBeAtAsync($"/admin/verification/{mentor.MentorId}");

        // The mentor was told at every step, in Hindi, the language of their account.
        await page.GotoAsync("/dev/mailbox");
        await page.Locator("tr", new() { HasText = mentor.Email }).GetByRole(AriaRole.Link, new() { Name = "आपका गुरुकुल मेंटर आवेदन: स्वीकृत" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("अब आप गुरुकुल के सत्यापित मेंटर हैं।");
        await Expect(page.Locator("main a[href$='/mentor/application']")).ToBeVisibleAsync();
        Assert.DoesNotContain("excellent", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "verification-mail.png"), FullPage = true });

        Assert.Empty(blocked);
        await context.CloseAsync();
    }

    [ChromiumFact]
    public async Task Support_SeesTheReviewSteps_ButNotTheAdminDecisions()
    {
        var mentor = await CreateApplicationAsync(browser, "Ravi Teja", locale: "te");
        var context = await SignedInStaffAsync(browser, Roles.Support);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/admin/verification/{mentor.MentorId}?culture=te");

        await Expect(page.GetByRole(AriaRole.Radio)).ToHaveCountAsync(2);
        await Expect(page.GetByLabel("పత్రాల పరిశీలన జరుగుతోంది", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("మార్పులు కోరబడ్డాయి", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("అడ్మిన్ మాత్రమే దీన్ని వీటికి మార్చగలరు: తిరస్కరించబడింది.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "verification-application-support-te.png"), FullPage = true });

        // A hand-edited filter is explained, not a crash.
        var response = await page.GotoAsync("/admin/verification?status=verified&culture=en");
        Assert.Equal(400, response!.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Unknown status. Use one of: draft, pending");
        await context.CloseAsync();
    }

    /// <summary>A mentor who applied through the API as a client app would: profile, an ID proof (PNG) and a degree (PDF), submitted.</summary>
    internal static async Task<(string MentorId, string UserId, string Email)> CreateApplicationAsync(BrowserFixture browser, string name, string locale = "en")
    {
        using var http = new HttpClient { BaseAddress = browser.BaseAddress };
        var email = $"mentor.{Guid.NewGuid():N}@example.com";
        var registered = await ReadAsync(await http.PostAsJsonAsync("/api/v1/auth/register", new
        {
            email, password = "kites over the old fort", name, role = "mentor", dateOfBirth = "1988-04-12", locale,
        }));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", registered.GetProperty("accessToken").GetString());
        var profile = await ReadAsync(await http.PutAsJsonAsync("/api/v1/me/mentor-profile", SampleMentor.Profile()));
        await UploadAsync(http, SampleFiles.Png(), "aadhaar-front.png", "image/png", "id_proof");
        await UploadAsync(http, SampleFiles.Pdf("B.Sc. Zoology, Patna University"), "degree.pdf", "application/pdf", "degree_certificate");
        await ReadAsync(await http.PostAsJsonAsync("/api/v1/me/mentor-profile/submit", new { }));
        return (profile.GetProperty("id").GetString()!, registered.GetProperty("user").GetProperty("id").GetString()!, email);
    }

    /// <summary>A browser context signed in as a staff member with two-factor sign-in on, as staff policies require.</summary>
    private static async Task<IBrowserContext> SignedInStaffAsync(BrowserFixture browser, string role = Roles.Admin)
    {
        var email = $"{role}.{Guid.NewGuid():N}@example.com";
        string key;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = new User { UserName = email, Email = email, Name = "Lakshmi Staff", EmailConfirmed = true, DateOfBirth = new NodaTime.LocalDate(1985, 6, 1) };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
            Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The same page comes back asking for the code: wait for it before typing into it.
        await Expect(page.GetByLabel("Authentication code")).ToBeVisibleAsync();
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByLabel("Authentication code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ToBeAtAsync("/account");
        await page.CloseAsync();
        return context;
    }

    /// <summary>The elements that stick out past the right edge of the screen (none, on a page that never scrolls sideways).</summary>
    private static Task<string> WiderThanTheScreenAsync(IPage page) => page.EvaluateAsync<string>(
        "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)" +
        ".map(e => e.tagName + '.' + e.className).join(' | ')");

    /// <summary>The ID proof is drawn as an image and the degree loads in a frame, both through their signed links.</summary>
    private static async Task ExpectDocumentsPreviewedAsync(IPage page)
    {
        var image = page.GetByRole(AriaRole.Img, new() { Name = "ID proof: aadhaar-front.png" });
        await Expect(image).ToBeVisibleAsync();
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.Equal(320, await image.EvaluateAsync<int>("img => img.naturalWidth"));
        var frame = page.Locator("iframe[title='Preview of Degree certificate: degree.pdf']");
        await Expect(frame).ToBeVisibleAsync();
        var source = await frame.GetAttributeAsync("src");
        Assert.StartsWith("/files/", source, StringComparison.Ordinal);
        // A frame the policy refused would sit on Chromium's error page instead of the document's address.
        var content = await (await frame.ElementHandleAsync()).ContentFrameAsync();
        Assert.EndsWith(source!, content!.Url, StringComparison.Ordinal);
        var pdf = await page.Context.APIRequest.GetAsync(source!);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.Contains("frame-ancestors 'self'", pdf.Headers["content-security-policy"], StringComparison.Ordinal);
    }

    private static async Task UploadAsync(HttpClient http, byte[] bytes, string fileName, string contentType, string kind)
    {
        using var form = SampleMentor.Upload(bytes, fileName, contentType, kind);
        await ReadAsync(await http.PostAsync(new Uri("/api/v1/me/mentor-profile/documents", UriKind.Relative), form));
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
