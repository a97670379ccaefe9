using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Features.Profiles;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Features.Profiles;

/// <summary>The onboarding pages through real HTTP, as a browser without JavaScript uses them, and the step rules behind them.</summary>
public sealed class OnboardingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly KeyValuePair<string, string>[] Basics = [new("Input.PrimaryLanguage", "te"), new("Input.LanguagesSpoken", "en"), new("Input.LanguagesSpoken", "hi")];

    [Theory, AllProviders]
    public async Task SchoolStep_WithTwoSubjectsAndClass13_ComesBackWithMessagesNextToThoseFields_KeepingTheInput(DatabaseProvider provider)
    {
        var (app, page, userId) = await StudentAsync(provider);
        await PostStepAsync(page, "/onboarding", Basics, "/onboarding/level");
        await PostStepAsync(page, "/onboarding/level", [new("Input.AcademicLevel", "school")], "/onboarding/school");

        using var response = await page.PostFormAsync("/onboarding/school",
        [
            new("Input.SchoolName", "ZP High School, Gudivada"), new("Input.Board", "bseap"), new("Input.ClassGrade", "13"),
            new("Input.Subjects", "school-mathematics"), new("Input.Subjects", "school-physics"),
        ]);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<ul id=\"class-grade-error\" class=\"mt-1 text-sm font-medium text-red-800\"><li>Class must be from 6 to 12.</li>", html, StringComparison.Ordinal);
        Assert.Contains("<ul id=\"subjects-error\" class=\"mt-1 text-sm font-medium text-red-800\"><li>Choose 3 to 8 different subjects.</li>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"ZP High School, Gudivada\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"school-physics\" checked", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"bseap\" selected>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"school-name-error\"", html, StringComparison.Ordinal);
        Assert.Equal(OnboardingStep.Details, (await DraftAsync(app, userId))!.Step);
    }

    [Theory, AllProviders]
    public async Task EachStep_ChecksOnlyItsOwnFields_AndKeepsTheAnswersSoFarInTheDraft(DatabaseProvider provider)
    {
        var (app, _, userId) = await StudentAsync(provider);
        await using var scope = app.Scope();
        var onboarding = scope.ServiceProvider.GetRequiredService<OnboardingService>();

        // Nothing else is answered yet, and nothing else is complained about.
        var next = await onboarding.SaveStepAsync(userId, OnboardingStep.Basics, OnboardingSteps.NoAnswers with { PrimaryLanguage = "hi" }, CancellationToken.None);
        await onboarding.SaveStepAsync(userId, OnboardingStep.Level, OnboardingSteps.NoAnswers with { AcademicLevel = "college" }, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<ValidationException>(() => onboarding.SaveStepAsync(userId, OnboardingStep.Details,
            OnboardingSteps.NoAnswers with { College = new CollegeDetails("Osmania University", "B.Tech", "Computer Science", 11, 10.5m) }, CancellationToken.None));

        Assert.Equal(OnboardingStep.Level, next);
        Assert.Equal(["college.cgpa", "college.semester"], refused.Errors.Keys.Order());
        var draft = await onboarding.GetAsync(userId, CancellationToken.None);
        Assert.Equal((OnboardingStep.Details, "hi", "college"), (draft.Step, draft.Answers.PrimaryLanguage, draft.Answers.AcademicLevel));
        Assert.Null(draft.Answers.College);
    }

    [Theory, AllProviders]
    public async Task Onboarding_ResumesAtTheStepReached_WithTheAnswersSoFar_AndLaterStepsWait(DatabaseProvider provider)
    {
        var (_, page, _) = await StudentAsync(provider);
        await PostStepAsync(page, "/onboarding", Basics, "/onboarding/level");
        await PostStepAsync(page, "/onboarding/level", [new("Input.AcademicLevel", "college")], "/onboarding/college");

        // Coming back later: "/onboarding" goes to the step they stopped at.
        Assert.Equal("/onboarding/college", await RedirectOfAsync(page, "/onboarding"));
        // A step not reached yet, or the other level's details, send them there too.
        Assert.Equal("/onboarding/college", await RedirectOfAsync(page, "/onboarding/interests"));
        Assert.Equal("/onboarding/college", await RedirectOfAsync(page, "/onboarding/school"));
        // Back shows the earlier answers.
        var basics = await page.HtmlAsync("/onboarding/basics");
        Assert.Contains("<option value=\"te\" selected>", basics, StringComparison.Ordinal);
        Assert.Contains("value=\"hi\" checked", basics, StringComparison.Ordinal);
        var college = await page.HtmlAsync("/onboarding/college");
        Assert.Contains("Step 3 of 6", college, StringComparison.Ordinal);
        Assert.Contains("href=\"/onboarding/level\"", college, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"step\"", college, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await page.GetAsync("/onboarding/nowhere")).StatusCode);
    }

    [Theory, AllProviders]
    public async Task TheLastStep_SavesTheProfile_AsTheApiWould_AndRemovesTheDraft(DatabaseProvider provider)
    {
        var (app, page, userId) = await StudentAsync(provider);
        await PostStepAsync(page, "/onboarding", Basics, "/onboarding/level");
        await PostStepAsync(page, "/onboarding/level", [new("Input.AcademicLevel", "college")], "/onboarding/college");
        await PostStepAsync(page, "/onboarding/college",
        [
            new("Input.UniversityName", "Osmania University"), new("Input.DegreeType", "B.Tech"), new("Input.Major", "Computer Science"),
            new("Input.Minor", ""), new("Input.Semester", "5"), new("Input.Cgpa", "8,4"),
        ], "/onboarding/goals");
        await PostStepAsync(page, "/onboarding/goals", [new("Input.FieldOfStudy", "Engineering"), new("Input.CareerGoals", "GATE\r\n\r\nSoftware engineer\r\n")], "/onboarding/interests");
        await PostStepAsync(page, "/onboarding/interests", [new("Input.Interests", "Cricket"), new("Input.Challenges", "Speaking English")], "/onboarding/preferences");

        var bad = await (await page.PostFormAsync("/onboarding/preferences",
            [new("Input.City", "Hyderabad"), new("Input.State", ""), new("Input.Country", "IN"), new("Input.Timezone", "Mars/Olympus")])).Content.ReadAsStringAsync();
        Assert.Contains("id=\"state-error\"", bad, StringComparison.Ordinal);
        Assert.Contains("id=\"timezone-error\"", bad, StringComparison.Ordinal);
        Assert.Contains("value=\"Hyderabad\"", bad, StringComparison.Ordinal);
        await PostStepAsync(page, "/onboarding/preferences",
            [new("Input.City", "Hyderabad"), new("Input.State", "Telangana"), new("Input.Country", "IN"), new("Input.Timezone", "Asia/Kolkata")], "/onboarding/done");

        using var read = await page.GetAsync("/api/v1/me/student-profile");
        var profile = await read.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("college", profile.GetProperty("academicLevel").GetString());
        Assert.Equal(8.4m, profile.GetProperty("college").GetProperty("cgpa").GetDecimal());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("college").GetProperty("minor").ValueKind);
        Assert.Equal(["GATE", "Software engineer"], profile.GetProperty("careerGoals").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(["te", "en", "hi"], profile.GetProperty("languagesSpoken").EnumerateArray().Select(l => l.GetString()));
        Assert.Null(await DraftAsync(app, userId));
        Assert.Contains("Your profile is complete", await page.HtmlAsync("/onboarding/done"), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task LastStep_RefusesAPhotoThatIsNotAnImage_NextToThePhotoField_AndKeepsAGoodPhotoWhileAnotherFieldIsFixed(DatabaseProvider provider)
    {
        var (app, page, userId) = await StudentAsync(provider);
        await using (var scope = app.Scope())
        {
            var onboarding = scope.ServiceProvider.GetRequiredService<OnboardingService>();
            var answers = StudentProfileRequestFrom(StudentProfileTests.SchoolProfile());
            foreach (var step in OnboardingSteps.All.Where(s => s != OnboardingStep.Preferences))
            {
                await onboarding.SaveStepAsync(userId, step, answers, CancellationToken.None);
            }
        }

        KeyValuePair<string, string>[] place = [new("Input.City", "Gudivada"), new("Input.State", "Andhra Pradesh"), new("Input.Country", "IN"), new("Input.Timezone", "Asia/Kolkata")];
        using var notAnImage = await page.PostMultipartAsync("/onboarding/preferences", place, "photo", "just text"u8.ToArray(), "me.jpg", "image/jpeg");
        var refused = await notAnImage.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, notAnImage.StatusCode);
        Assert.Contains("id=\"photo-error\"", refused, StringComparison.Ordinal);
        Assert.Contains("JPEG, PNG", refused, StringComparison.Ordinal);

        var png = SampleFiles.Png(8, 8);
        using var stateMissing = await page.PostMultipartAsync("/onboarding/preferences", [.. place.Where(f => f.Key != "Input.State")], "photo", png, "me.png", "image/png");
        var kept = await stateMissing.Content.ReadAsStringAsync();
        Assert.Contains("id=\"state-error\"", kept, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/media/photos/", kept, StringComparison.Ordinal);

        using var finished = await page.PostMultipartAsync("/onboarding/preferences", place, "photo", [], "", "application/octet-stream");
        Assert.Equal("/onboarding/done", PageClient.RedirectTarget(finished));
    }

    [Theory, AllProviders]
    public async Task AStudentWithAProfile_GoesThroughTheStepsAgainPrefilled_AndIsSentBackToDetailsLeftOut(DatabaseProvider provider)
    {
        var (app, page, userId) = await StudentAsync(provider);
        var token = await TokenAsync(page);
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/student-profile") { Content = JsonContent.Create(StudentProfileTests.SchoolProfile()) };
        put.Headers.Authorization = new("Bearer", token);
        await (await page.Http.SendAsync(put)).JsonAsync(HttpStatusCode.OK);

        var school = await page.HtmlAsync("/onboarding/school");
        Assert.Contains("value=\"ZP High School, Gudivada\"", school, StringComparison.Ordinal);
        Assert.Contains("<option value=\"bseap\" selected>", school, StringComparison.Ordinal);
        // Now a college student, who skips the new details and goes straight to the last step.
        await PostStepAsync(page, "/onboarding/level", [new("Input.AcademicLevel", "college")], "/onboarding/college");
        await PostStepAsync(page, "/onboarding/preferences",
            [new("Input.City", "Gudivada"), new("Input.State", "Andhra Pradesh"), new("Input.Country", "IN"), new("Input.Timezone", "Asia/Kolkata")],
            "/onboarding/college?check=1");

        var college = await page.HtmlAsync("/onboarding/college?check=1");
        Assert.Contains("<ul id=\"college-error\" class=\"mt-1 text-sm font-medium text-red-800\"><li>Give your college details.</li>", college, StringComparison.Ordinal);
        Assert.NotNull(await DraftAsync(app, userId));
        Assert.Equal("school", (await (await page.GetAsync("/api/v1/me/student-profile")).JsonAsync(HttpStatusCode.OK)).GetProperty("academicLevel").GetString());
    }

    [Fact]
    public async Task ValuesOfTheWrongShape_AreAnsweredWithoutAServerError()
    {
        var (_, page, _) = await StudentAsync(DatabaseProvider.Sqlite);

        foreach (var path in new[] { "/onboarding?welcome=yes", "/onboarding/basics?check=%27", "/account?welcome=1e9" })
        {
            using var response = await page.GetAsync(path);
            Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}");
        }

        using var basics = await page.PostFormAsync("/onboarding",
        [
            new("Input.PrimaryLanguage", new string('x', 5000)), new("Input.LanguagesSpoken", "klingon"), new("Input.RemovePhoto", "perhaps"),
            new("Input.ClassGrade", "99999999999999999999"), new("Input.Cgpa", "1e400"),
        ]);
        var html = await basics.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, basics.StatusCode);
        Assert.Contains("Item 1: Choose a language from the list.", html, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task AccountPage_InvitesAStudentWithoutAProfile_ToCompleteIt(DatabaseProvider provider)
    {
        var (_, page, _) = await StudentAsync(provider);

        var account = await page.HtmlAsync("/account");

        Assert.Contains("Complete your profile", account, StringComparison.Ordinal);
        Assert.Contains("href=\"/onboarding\"", account, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningUpAsAStudent_LeadsToOnboarding_AndAsAMentor_ToTheAccount()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        using var student = PageClient.Anonymous(app);
        using var mentor = PageClient.Anonymous(app);

        var asStudent = await student.PostFormAsync("/account/sign-up", SignUp("student"));
        var asMentor = await mentor.PostFormAsync("/account/sign-up", SignUp("mentor"));

        Assert.Equal("/onboarding?welcome=1", PageClient.RedirectTarget(asStudent));
        Assert.Equal("/account?welcome=1", PageClient.RedirectTarget(asMentor));
        Assert.Contains("Step 1 of 6", await student.HtmlAsync("/onboarding?welcome=1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Onboarding_IsForStudents_MentorsAreRefused_AndAnonymousVisitorsSentToSignIn()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var email = ApiClient.NewEmail("mentor");
        await app.CreateClient().RegisterAsync(email, role: "mentor");
        using var mentor = await PageClient.SignInAsync(app, email);
        using var anonymous = PageClient.Anonymous(app);

        Assert.StartsWith("/error/403", await RedirectOfAsync(mentor, "/onboarding/basics"), StringComparison.Ordinal);
        Assert.StartsWith("/account/sign-in", await RedirectOfAsync(anonymous, "/onboarding"), StringComparison.Ordinal);
    }

    private static StudentProfileRequest StudentProfileRequestFrom(object body) =>
        JsonSerializer.Deserialize<StudentProfileRequest>(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;

    private static KeyValuePair<string, string>[] SignUp(string role) =>
    [
        new("Input.Role", role), new("Input.Name", "Lakshmi Devi"), new("Input.Email", ApiClient.NewEmail(role)),
        new("Input.Password", ApiClient.Password), new("Input.DateOfBirth", "2001-06-01"), new("Input.GuardianEmail", ""),
    ];

    private async Task<(GurukulApp App, PageClient Page, string UserId)> StudentAsync(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var email = ApiClient.NewEmail("student");
        var (_, body) = await app.CreateClient().RegisterAsync(email);
        return (app, await PageClient.SignInAsync(app, email), body.GetProperty("user").GetProperty("id").GetString()!);
    }

    private static async Task PostStepAsync(PageClient page, string path, IEnumerable<KeyValuePair<string, string>> fields, string expectedNext)
    {
        using var response = await page.PostFormAsync(path, fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {path} answered {(int)response.StatusCode}: {Errors(body)}");
        Assert.Equal(expectedNext, PageClient.RedirectTarget(response));
    }

    private static async Task<string?> RedirectOfAsync(PageClient page, string path)
    {
        using var response = await page.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {path} answered {(int)response.StatusCode}");
        return PageClient.RedirectTarget(response);
    }

    // The cookie session reads the API too; a bearer token is only needed for the PUT made as an API client would.
    private static async Task<string> TokenAsync(PageClient page)
    {
        var me = await (await page.GetAsync("/api/v1/me")).JsonAsync(HttpStatusCode.OK);
        var login = await (await page.Http.PostAsync("/api/v1/auth/login", new { email = me.GetProperty("email").GetString(), password = ApiClient.Password })).JsonAsync(HttpStatusCode.OK);
        return login.GetProperty("accessToken").GetString()!;
    }

    private static async Task<OnboardingProgress?> DraftAsync(GurukulApp app, string userId)
    {
        await using var scope = app.Scope();
        var drafts = await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<OnboardingDraft>().AsNoTracking().CountAsync(d => d.UserId == userId);
        return drafts == 0 ? null : await scope.ServiceProvider.GetRequiredService<OnboardingService>().GetAsync(userId, CancellationToken.None);
    }

    private static string Errors(string html) =>
        string.Join(" | ", System.Text.RegularExpressions.Regex.Matches(html, "<ul id=\"([^\"]+-error)\"[^>]*>(.*?)</ul>").Select(m => m.Groups[1].Value + ": " + m.Groups[2].Value));
}
