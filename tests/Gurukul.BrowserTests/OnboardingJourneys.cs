using Gurukul.Features.Accounts;
using Gurukul.Features.Profiles;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

/// <summary>A student's guided onboarding, school and college paths, in English and in Telugu on a phone.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class OnboardingJourneys(BrowserFixture browser)
{
    private const string Password = "a long enough password";

    // An 8×8 indigo PNG: a real image, so the page shows it as the student's photo.
    private static readonly byte[] Photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR42mNwtjiFFTEMLQkAndlRQXBAOqwAAAAASUVORK5CYII=");

    [ChromiumFact]
    public async Task SchoolStudent_SignsUp_FixesTooFewSubjects_AndFinishesWithAPhoto()
    {
        var page = await NewPageAsync(1280, 900);
        var email = $"sravani.{Guid.NewGuid():N}@example.com";

        await page.GotoAsync("/account/sign-up");
        await page.GetByLabel("Full name").FillAsync("Sravani Naidu");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByLabel("Date of birth").FillAsync("2009-04-12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // Straight on to the profile, step 1 of 6.
        await page.ToBeAtAsync("/onboarding?welcome=1");
        await Expect(page.GetByTestId("onboarding-progress")).ToHaveTextAsync("Step 1 of 6");
        await Expect(page.GetByTestId("signed-up-as")).ToContainTextAsync("Sravani Naidu");
        await page.GetByLabel("The language you are most comfortable in").SelectOptionAsync("te");
        await page.GetByLabel("English", new() { Exact = true }).CheckAsync();
        await ContinueAsync(page);

        await page.ToBeAtAsync("/onboarding/level");
        await page.GetByLabel("School (class 6 to 12)").CheckAsync();
        await ContinueAsync(page);

        await page.ToBeAtAsync("/onboarding/school");
        await Expect(page.GetByTestId("onboarding-progress")).ToHaveTextAsync("Step 3 of 6");
        await page.GetByLabel("School name").FillAsync("ZP High School, Gudivada");
        await page.GetByLabel("Board").SelectOptionAsync("bseap");
        await page.GetByLabel("Class", new() { Exact = true }).SelectOptionAsync("10");
        // No stream before class 11: the field is not even shown.
        await Expect(page.GetByLabel("Stream")).ToBeHiddenAsync();
        await page.GetByLabel("Mathematics (School)").CheckAsync();
        await page.GetByLabel("Physics (School)").CheckAsync();
        await ContinueAsync(page);

        // Two subjects are too few: the step comes back with the message by the subjects and everything kept.
        await Expect(page.Locator("#subjects-error")).ToHaveTextAsync("Choose 3 to 8 different subjects.");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please correct the fields marked below.");
        await Expect(page.GetByLabel("School name")).ToHaveValueAsync("ZP High School, Gudivada");
        await Expect(page.GetByLabel("Physics (School)")).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Subjects you want help with" })).ToHaveAttributeAsync("aria-describedby", "subjects-hint subjects-error");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "onboarding-school-error-desktop.png"), FullPage = true });
        await page.GetByLabel("Telugu (School)").CheckAsync();
        await ContinueAsync(page);

        await page.ToBeAtAsync("/onboarding/goals");
        await page.GetByLabel("Field of study").FillAsync("Science");
        await page.GetByLabel("Career goals", new() { Exact = true }).FillAsync("Crack EAMCET\nBecome a doctor");
        await ContinueAsync(page);
        await page.ToBeAtAsync("/onboarding/interests");
        await page.GetByLabel("Interests", new() { Exact = true }).FillAsync("Kabaddi");
        await page.GetByLabel("Challenges", new() { Exact = true }).FillAsync("Speaking English");
        await ContinueAsync(page);

        await page.ToBeAtAsync("/onboarding/preferences");
        // The browser's zone is filled in (Chromium names India's zone Asia/Calcutta, an alias of Asia/Kolkata).
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Asia/(Kolkata|Calcutta)$"));
        await page.GetByLabel("Profile photo (optional)").SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = Photo });
        await page.GetByLabel("City or town").FillAsync("Gudivada");
        await page.GetByLabel("State", new() { Exact = true }).FillAsync("Andhra Pradesh");
        await Expect(page.GetByLabel("Country")).ToHaveValueAsync("IN");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();

        await page.ToBeAtAsync("/onboarding/done");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your profile is complete" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Browse mentors" })).ToHaveAttributeAsync("href", "/mentors");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "onboarding-done-desktop.png"), FullPage = true });

        var (profile, photoKey) = await SavedAsync(email);
        Assert.Equal(("school", "bseap", 10), (profile.AcademicLevel, profile.School!.Board, profile.School.ClassGrade));
        Assert.Equal(["school-mathematics", "school-physics", "school-telugu"], profile.School.Subjects!.Order());
        Assert.Equal(["te", "en"], profile.LanguagesSpoken);
        Assert.Equal(["Crack EAMCET", "Become a doctor"], profile.CareerGoals);
        Assert.StartsWith("photos/", photoKey, StringComparison.Ordinal);

        // The account page now offers to edit the profile, not to complete it.
        await page.GotoAsync("/account");
        await Expect(page.GetByTestId("profile-cta")).ToContainTextAsync("Your profile is complete.");
    }

    [ChromiumFact]
    public async Task CollegeStudent_FixesTheCgpa_LeavesInTheMiddle_AndComesBackToTheSameStep()
    {
        var email = $"rahul.{Guid.NewGuid():N}@example.com";
        await CreateStudentAsync(email, "Rahul Verma");
        var page = await NewPageAsync(1280, 900);
        await SignInAsync(page, email);

        await Expect(page.GetByTestId("profile-cta")).ToContainTextAsync("Complete your profile");
        await page.GetByTestId("profile-cta").GetByRole(AriaRole.Link, new() { Name = "Complete your profile" }).ClickAsync();
        await page.ToBeAtAsync("/onboarding");
        await page.GetByLabel("The language you are most comfortable in").SelectOptionAsync("hi");
        await ContinueAsync(page);
        await page.GetByLabel("College or university").CheckAsync();
        await ContinueAsync(page);

        await page.ToBeAtAsync("/onboarding/college");
        await page.GetByLabel("College or university").FillAsync("University of Hyderabad");
        await page.GetByLabel("Degree").FillAsync("B.Tech");
        await page.GetByLabel("Major (main subject)").FillAsync("Computer Science");
        await page.GetByLabel("Semester").SelectOptionAsync("5");
        await page.GetByLabel("CGPA").FillAsync("11");
        await ContinueAsync(page);

        await Expect(page.Locator("#cgpa-error")).ToHaveTextAsync("CGPA must be from 0 to 10, with at most two decimals.");
        await Expect(page.GetByLabel("CGPA")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("CGPA")).ToHaveValueAsync("11");
        await Expect(page.GetByLabel("Major (main subject)")).ToHaveValueAsync("Computer Science");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "onboarding-college-error-desktop.png"), FullPage = true });
        await page.GetByLabel("CGPA").FillAsync("8.4");
        await ContinueAsync(page);
        await page.ToBeAtAsync("/onboarding/goals");

        // The student leaves (a new device, even) and comes back later from their account page.
        await page.Context.CloseAsync();
        var later = await NewPageAsync(1280, 900);
        await SignInAsync(later, email);
        await Expect(later.GetByTestId("profile-cta")).ToContainTextAsync("You have finished 3 of 6 steps.");
        await later.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "account-continue-profile-desktop.png"), FullPage = true });
        await later.GetByRole(AriaRole.Link, new() { Name = "Continue your profile" }).ClickAsync();
        await later.ToBeAtAsync("/onboarding/goals");
        await Expect(later.GetByTestId("onboarding-progress")).ToHaveTextAsync("Step 4 of 6");

        // Back shows the answers given before leaving.
        await later.GetByRole(AriaRole.Link, new() { Name = "Back" }).ClickAsync();
        await later.ToBeAtAsync("/onboarding/college");
        await Expect(later.GetByLabel("CGPA")).ToHaveValueAsync("8.4");
        await Expect(later.GetByLabel("College or university")).ToHaveValueAsync("University of Hyderabad");
        await ContinueAsync(later);

        await later.GetByLabel("Field of study").FillAsync("Engineering");
        await ContinueAsync(later);
        await ContinueAsync(later);
        await later.GetByLabel("City or town").FillAsync("Hyderabad");
        await later.GetByLabel("State", new() { Exact = true }).FillAsync("Telangana");
        await later.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await later.ToBeAtAsync("/onboarding/done");

        var (profile, _) = await SavedAsync(email);
        Assert.Equal(("college", 8.4m, 5), (profile.AcademicLevel, profile.College!.Cgpa, profile.College.Semester));
        // Whatever alias the browser reported, the zone is kept by its current name.
        Assert.Equal("Asia/Kolkata", profile.Timezone);
    }

    [ChromiumFact]
    public async Task TeluguSchoolStudent_OnAPhone_CompletesTheProfile()
    {
        var email = $"anusha.{Guid.NewGuid():N}@example.com";
        await CreateStudentAsync(email, "అనూష రెడ్డి");
        var page = await NewPageAsync(390, 844);
        await SignInAsync(page, email);
        await page.GetByRole(AriaRole.Link, new() { Name = "తెలుగు" }).ClickAsync();
        await page.GotoAsync("/onboarding");

        await Expect(page.GetByTestId("onboarding-progress")).ToHaveTextAsync("6 దశల్లో 1వ దశ");
        await page.GetByLabel("మీకు బాగా సౌకర్యంగా ఉండే భాష").SelectOptionAsync("te");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "onboarding-basics-te-phone.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "సేవ్ చేసి కొనసాగండి" }).ClickAsync();
        await page.GetByLabel("స్కూల్ (6 నుంచి 12వ తరగతి)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "సేవ్ చేసి కొనసాగండి" }).ClickAsync();

        await page.ToBeAtAsync("/onboarding/school");
        await page.GetByLabel("స్కూల్ పేరు").FillAsync("జిల్లా పరిషత్ ఉన్నత పాఠశాల");
        await page.GetByLabel("బోర్డు").SelectOptionAsync("bsetelangana");
        await page.GetByLabel("తరగతి", new() { Exact = true }).SelectOptionAsync("12");
        // Class 12 has a stream.
        await page.GetByLabel("స్ట్రీమ్").FillAsync("MPC");
        // The subjects are named in Telugu, from the term dictionary (ADR 0022).
        foreach (var subject in new[] { "గణితం (పాఠశాల)", "భౌతిక శాస్త్రం (పాఠశాల)", "రసాయన శాస్త్రం (పాఠశాల)" })
        {
            await page.GetByLabel(subject).CheckAsync();
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "onboarding-school-te-phone.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "సేవ్ చేసి కొనసాగండి" }).ClickAsync();
        await page.ToBeAtAsync("/onboarding/goals");
        await page.GetByLabel("చదువుతున్న రంగం").FillAsync("సైన్స్");
        await page.GetByRole(AriaRole.Button, new() { Name = "సేవ్ చేసి కొనసాగండి" }).ClickAsync();
        await page.ToBeAtAsync("/onboarding/interests");
        await page.GetByLabel("సవాళ్లు", new() { Exact = true }).FillAsync("ఇంగ్లీష్ మాట్లాడటం");
        await page.GetByRole(AriaRole.Button, new() { Name = "సేవ్ చేసి కొనసాగండి" }).ClickAsync();

        await page.ToBeAtAsync("/onboarding/preferences");
        await page.GetByLabel("నగరం లేదా పట్టణం").FillAsync("వరంగల్");
        await page.GetByLabel("రాష్ట్రం").FillAsync("తెలంగాణ");
        await Expect(page.GetByLabel("దేశం")).ToContainTextAsync("భారతదేశం");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "onboarding-preferences-te-phone.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "నా ప్రొఫైల్ సేవ్ చేయండి" }).ClickAsync();

        await page.ToBeAtAsync("/onboarding/done");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "మీ ప్రొఫైల్ పూర్తయింది" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "onboarding-done-te-phone.png"), FullPage = true });
        // Nothing is wider than the phone.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        var (profile, _) = await SavedAsync(email);
        Assert.Equal(("bsetelangana", 12, "MPC"), (profile.School!.Board, profile.School.ClassGrade, profile.School.Stream));
        Assert.Equal(["ఇంగ్లీష్ మాట్లాడటం"], profile.Challenges);
    }

    // India's time zone, as a student's phone there would report it.
    private async Task<IPage> NewPageAsync(int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "Asia/Kolkata",
        });
        return await context.NewPageAsync();
    }

    private static Task ContinueAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

    private Task<string> CreateStudentAsync(string email, string name) =>
        BrowserAccounts.CreateAsync(browser, email, name, Roles.Student, Password, new NodaTime.LocalDate(2005, 8, 15));

    private static Task SignInAsync(IPage page, string email) => BrowserAccounts.SignInAsync(page, email, Password);

    private async Task<(StudentProfileDto Profile, string? PhotoKey)> SavedAsync(string email)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(email);
        var profile = await scope.ServiceProvider.GetRequiredService<StudentProfileService>().FindAsync(user!.Id, CancellationToken.None);
        Assert.NotNull(profile);
        return (profile, user.PhotoKey);
    }
}
