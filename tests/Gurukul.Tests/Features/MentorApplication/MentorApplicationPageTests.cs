using System.Net;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Verification;
using Gurukul.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Features.MentorApplication;

/// <summary>The mentor's application pages (<c>/mentor/application/…</c>): what their form posts do, through real HTTP.</summary>
public sealed class MentorApplicationPageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Hub = "/mentor/application";
    private const string ProfilePage = "/mentor/application/profile";
    private const string DocumentsPage = "/mentor/application/documents";
    private const string ReviewPage = "/mentor/application/review";

    [Theory, AllProviders]
    public async Task ProfileForm_SavesRupeesAsPaise_AndExpertiseFromLinesAndCommas_ThenGoesOnToTheDocuments(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var (page, userId) = await NewMentorAsync(app);

        var response = await page.PostFormAsync(ProfilePage, "mentor-profile", ProfileFields(rate: "₹1,250.50", experience: "१२",
            expertise: "Organic mechanisms, NEET strategy\nLab safety"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{DocumentsPage}?done=profile", PageSession.Location(response));
        var saved = await ProfileAsync(app, userId);
        Assert.Equal((125050L, "INR"), (saved.HourlyRate.AmountMinor, saved.HourlyRate.Currency));
        Assert.Equal(12, saved.ExperienceYears);
        Assert.Equal(["Organic mechanisms", "NEET strategy", "Lab safety"], saved.ExpertiseAreas);
        Assert.Equal(["neet-ug", "school-chemistry"], saved.Subjects);
        Assert.Equal(["school", "college"], saved.StudentLevelsServed);
        Assert.Equal(["te", "en", "hi"], saved.LanguagesSpoken);
        Assert.Equal(("Asia/Kolkata", "IN"), (saved.Timezone, saved.Country));
        // The form shows it back as typed in rupees, not paise.
        Assert.Contains("value=\"1250.50\"", PageSession.TagOf(await page.GetHtmlAsync(ProfilePage), "rate"), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task ProfileForm_WithBadExperienceAndRate_ComesBackWithEachMessageBesideItsField_AndKeepsEverythingTyped(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var (page, userId) = await NewMentorAsync(app);

        var response = await page.PostFormAsync(ProfilePage, "mentor-profile",
            ProfileFields(rate: "800.555", experience: "60", expertise: "Optics, " + new string('x', 90)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Experience must be from 0 to 50 years.", PageSession.TextOf(html, "experience-error"));
        Assert.Equal("Enter an hourly rate above 0 and up to 1,00,000, like 800 or 750.50.", PageSession.TextOf(html, "rate-error"));
        Assert.Contains("is too long: use at most 80 characters", PageSession.TextOf(html, "expertise-error"), StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", PageSession.TagOf(html, "experience"), StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"rate-hint rate-error\"", PageSession.TagOf(html, "rate"), StringComparison.Ordinal);
        Assert.Null(PageSession.TextOf(html, "headline-error"));
        Assert.Contains("value=\"Chemistry mentor for NEET\"", PageSession.TagOf(html, "headline"), StringComparison.Ordinal);
        Assert.Contains("value=\"60\"", PageSession.TagOf(html, "experience"), StringComparison.Ordinal);
        Assert.Contains("value=\"800.555\"", PageSession.TagOf(html, "rate"), StringComparison.Ordinal);
        Assert.Contains("value=\"school-chemistry\" checked", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Asia/Kolkata\" selected", html, StringComparison.Ordinal);
        Assert.Contains("Optics, xxxx", PageSession.TextOf(html, "expertise"), StringComparison.Ordinal);
        await using var scope = app.Scope();
        await Assert.ThrowsAsync<Gurukul.Platform.Errors.NotFoundException>(() =>
            scope.ServiceProvider.GetRequiredService<MentorProfileService>().GetAsync(userId, CancellationToken.None));
    }

    [Theory, AllProviders]
    public async Task DocumentUpload_Of12Megabytes_ComesBackOnTheFormWithTheSizeMessage_AndAWrongTypeSaysWhatIsAccepted(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var (page, _) = await NewMentorAsync(app);
        await page.PostFormAsync(ProfilePage, "mentor-profile", ProfileFields());
        var twelveMegabytes = SampleFiles.Pdf().Concat(new byte[12 * 1024 * 1024]).ToArray();

        var tooLarge = await page.PostFileAsync(DocumentsPage, "upload-document", "id_proof", twelveMegabytes, "scan.pdf", "application/pdf");
        var tooLargeHtml = await tooLarge.Content.ReadAsStringAsync();
        var wrongType = await page.PostFileAsync(DocumentsPage, "upload-document", "degree_certificate", SampleFiles.Text(), "degree.pdf", "application/pdf");
        var noKind = await page.PostFileAsync(DocumentsPage, "upload-document", "", SampleFiles.Pdf(), "aadhaar.pdf", "application/pdf");

        Assert.Equal(HttpStatusCode.OK, tooLarge.StatusCode);
        Assert.Equal("The file is larger than 10 MB. Upload a smaller file.", PageSession.TextOf(tooLargeHtml, "file-error"));
        Assert.Contains("aria-invalid=\"true\"", PageSession.TagOf(tooLargeHtml, "file"), StringComparison.Ordinal);
        Assert.Contains("<option value=\"id_proof\" selected", tooLargeHtml, StringComparison.Ordinal);
        Assert.Equal("This type of file is not accepted here. Accepted: PDF, JPEG, PNG.",
            PageSession.TextOf(await wrongType.Content.ReadAsStringAsync(), "file-error"));
        Assert.Equal("Choose what kind of document this is.", PageSession.TextOf(await noKind.Content.ReadAsStringAsync(), "kind-error"));
        Assert.Equal("No documents uploaded yet.", PageSession.TextOf(await page.GetHtmlAsync(DocumentsPage), "no-documents"));
    }

    [Theory, AllProviders]
    public async Task UploadReviewSubmit_TheHubThenSaysPending_AndDocumentsAreLocked(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var (page, _) = await NewMentorAsync(app);
        await page.PostFormAsync(ProfilePage, "mentor-profile", ProfileFields());
        var notReady = await page.GetHtmlAsync(ReviewPage);

        var uploaded = await page.PostFileAsync(DocumentsPage, "upload-document", "id_proof", SampleFiles.Pdf(), "aadhaar.pdf", "application/pdf");
        var ready = await page.GetHtmlAsync(ReviewPage);
        var submitted = await page.PostFormAsync(ReviewPage, "submit-application", []);
        var hub = await page.GetHtmlAsync($"{Hub}?done=submitted");
        var documents = await page.GetHtmlAsync(DocumentsPage);
        // A second click on the button, or a stale tab: the page says why not instead of the framework's bare 400.
        var twice = await page.PostFormAsync(ReviewPage, "submit-application", []);

        Assert.Contains("data-item=\"id_proof\" data-state=\"missing\"", notReady, StringComparison.Ordinal);
        Assert.Contains("data-item=\"headline\" data-state=\"done\"", notReady, StringComparison.Ordinal);
        Assert.DoesNotContain("Submit my application", notReady, StringComparison.Ordinal);
        Assert.Equal($"{DocumentsPage}?done=uploaded", PageSession.Location(uploaded));
        Assert.Contains("data-item=\"id_proof\" data-state=\"done\"", ready, StringComparison.Ordinal);
        Assert.Contains("Submit my application", ready, StringComparison.Ordinal);
        Assert.Equal($"{Hub}?done=submitted", PageSession.Location(submitted));
        Assert.Equal("Submitted, waiting for review", PageSession.TextOf(hub, "application-status"));
        Assert.Contains("start reviewing it soon", PageSession.TextOf(hub, "next-step"), StringComparison.Ordinal);
        Assert.Contains("data-step=\"review\" data-state=\"done\"", hub, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"file\"", documents, StringComparison.Ordinal);
        Assert.Contains("cannot be added or removed now", documents, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal("Your application is “Submitted, waiting for review”, so it cannot be submitted now.",
            PageSession.TextOf(await twice.Content.ReadAsStringAsync(), "form-error"));
    }

    [Theory, AllProviders]
    public async Task RejectedApplication_TheHubShowsTheReasonAndHistory_AndTheReviewOffersSubmitAgain(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var api = app.CreateClient();
        var mentor = await api.SubmittedMentorAsync();
        var (admin, _) = await app.StaffTokenAsync(api);
        await (await api.MoveAsync(admin, mentor.MentorId, "rejected", "The ID proof is blurred. Upload a sharper scan.")).JsonAsync(HttpStatusCode.OK);
        var page = await PageSession.SignInAsync(app, mentor.Email);

        var hub = await page.GetHtmlAsync(Hub);
        var review = await page.GetHtmlAsync(ReviewPage);

        Assert.Equal("Rejected", PageSession.TextOf(hub, "application-status"));
        Assert.Contains("The ID proof is blurred. Upload a sharper scan.", PageSession.TextOf(hub, "decision-reason"), StringComparison.Ordinal);
        var history = PageSession.TextOf(hub, "history");
        Assert.Contains("Rejected", history, StringComparison.Ordinal);
        Assert.Contains("Submitted, waiting for review", history, StringComparison.Ordinal);
        Assert.Contains("Submit again", review, StringComparison.Ordinal);
        Assert.Contains("type=\"file\"", await page.GetHtmlAsync(DocumentsPage), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task RemovingADocument_AsksFirstWithoutJavaScript_ThenRemovesIt(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var api = app.CreateClient();
        var mentor = await api.MentorWithProfileAsync();
        var documentId = (await (await api.UploadAsync(mentor.Token, SampleFiles.Pdf(), "degree.pdf", "degree_certificate")).JsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var page = await PageSession.SignInAsync(app, mentor.Email);
        var path = $"{DocumentsPage}?remove={documentId}";

        var confirm = await page.GetHtmlAsync(path);
        var removed = await page.PostFormAsync(path, "remove-document", [("RemoveInput.DocumentId", documentId)]);
        // A second click on the same confirmation, after the first removed it.
        var again = await page.PostFormAsync(path, "remove-document", [("RemoveInput.DocumentId", documentId)]);

        Assert.Contains("Remove “degree.pdf”?", confirm, StringComparison.Ordinal);
        Assert.Equal($"{DocumentsPage}?done=removed", PageSession.Location(removed));
        Assert.Empty((await (await api.GetAsync(VerificationApi.Documents, mentor.Token)).JsonAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("There is no such document.", PageSession.TextOf(await again.Content.ReadAsStringAsync(), "form-error"));
    }

    [Theory, AllProviders]
    public async Task AddressForm_RefusesAReservedOrTakenAddress_BesideTheField_AndChangesToAFreeOne(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var api = app.CreateClient();
        var mentor = await api.MentorWithProfileAsync();
        var page = await PageSession.SignInAsync(app, mentor.Email);
        var wanted = $"asha-rao-biology-{Guid.NewGuid():N}"[..30];

        var reserved = await (await page.PostFormAsync(ProfilePage, "mentor-slug", [("SlugInput.Slug", "admin")])).Content.ReadAsStringAsync();
        // A demo mentor's address.
        var taken = await (await page.PostFormAsync(ProfilePage, "mentor-slug", [("SlugInput.Slug", "srinivas-rao-kandula")])).Content.ReadAsStringAsync();
        var changed = await page.PostFormAsync(ProfilePage, "mentor-slug", [("SlugInput.Slug", wanted)]);

        Assert.Contains("reserved", PageSession.TextOf(reserved, "slug-error"), StringComparison.Ordinal);
        Assert.Contains("value=\"admin\"", PageSession.TagOf(reserved, "slug"), StringComparison.Ordinal);
        Assert.Contains("belongs to another mentor", PageSession.TextOf(taken, "slug-error"), StringComparison.Ordinal);
        Assert.Equal($"{ProfilePage}?done=slug#address", PageSession.Location(changed));
        Assert.Equal(wanted, (await ProfileAsync(app, mentor.UserId)).Slug);
    }

    [Fact]
    public async Task ApplicationPages_SendAnonymousVisitorsToSignIn_AndStudentsToTheForbiddenPage()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var anonymous = PageSession.Anonymous(app);
        var email = ApiClient.NewEmail("student");
        await app.CreateClient().RegisterAsync(email);
        var student = await PageSession.SignInAsync(app, email);

        foreach (var path in new[] { Hub, ProfilePage, DocumentsPage, ReviewPage })
        {
            var response = await anonymous.Client.GetAsync(new Uri(path, UriKind.Relative));
            var refused = await student.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/sign-in?ReturnUrl=", PageSession.Location(response), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/error/403", PageSession.Location(refused), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hub_BeforeAnyProfile_SaysNotStarted_InTelugu()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var (page, _) = await NewMentorAsync(app);

        var hub = await page.GetHtmlAsync($"{Hub}?culture=te");

        Assert.Equal("ఇంకా ప్రారంభించలేదు", PageSession.TextOf(hub, "application-status"));
        Assert.Contains("ప్రారంభించండి: మీ ప్రొఫైల్", hub, StringComparison.Ordinal);
        Assert.Contains("data-step=\"profile\" data-state=\"attention\"", hub, StringComparison.Ordinal);
    }

    private static async Task<(PageSession Page, string UserId)> NewMentorAsync(GurukulApp app)
    {
        var email = ApiClient.NewEmail("mentor");
        var (_, body) = await app.CreateClient().RegisterAsync(email, role: "mentor");
        return (await PageSession.SignInAsync(app, email), body.GetProperty("user").GetProperty("id").GetString()!);
    }

    private static async Task<MentorProfileDto> ProfileAsync(GurukulApp app, string userId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<MentorProfileService>().GetAsync(userId, CancellationToken.None);
    }

    private static List<(string, string)> ProfileFields(string rate = "750", string experience = "12", string expertise = "Organic mechanisms") =>
    [
        ("Input.Headline", "Chemistry mentor for NEET"),
        ("Input.Bio", "I draw every mechanism before naming it."),
        ("Input.Company", "Narayana Junior College"),
        ("Input.University", ""),
        ("Input.ExperienceYears", experience),
        ("Input.ExpertiseAreas", expertise),
        ("Input.Subjects", "neet-ug"),
        ("Input.Subjects", "school-chemistry"),
        ("Input.Levels", "school"),
        ("Input.Levels", "college"),
        ("Input.Rate", rate),
        ("Input.Currency", "INR"),
        ("Input.PrimaryLanguage", "te"),
        ("Input.LanguagesSpoken", "en"),
        ("Input.LanguagesSpoken", "hi"),
        ("Input.Timezone", "Asia/Kolkata"),
        ("Input.City", "Hyderabad"),
        ("Input.State", "Telangana"),
        ("Input.Country", "IN"),
    ];
}
