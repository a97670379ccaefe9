using System.Net;
using Gurukul.Features.Audit;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Features.Verification;

/// <summary><c>POST /api/v1/me/mentor-profile/submit</c> and the mentor's own view of their application.</summary>
public sealed class SubmissionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Submit = "/api/v1/me/mentor-profile/submit";

    [Theory, AllProviders]
    public async Task Submit_ACompleteApplication_MakesItPending_WithHistoryAuditAndAReceiptMail(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await client.MentorWithProfileAsync();
        await (await client.UploadAsync(mentor.Token, SampleFiles.Pdf())).JsonAsync(HttpStatusCode.Created);

        var submitted = await (await client.PostAsync(Submit, new { }, mentor.Token)).JsonAsync(HttpStatusCode.OK);
        var again = await (await client.PostAsync(Submit, new { }, mentor.Token)).JsonAsync(HttpStatusCode.Conflict);
        var view = await client.VerificationAsync(mentor.Token);

        Assert.Equal("pending", submitted.GetProperty("verificationStatus").GetString());
        Assert.Contains("Submitted, waiting for review", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("pending", view.GetProperty("verificationStatus").GetString());
        Assert.False(view.GetProperty("canSubmit").GetBoolean());
        Assert.False(view.GetProperty("canChangeDocuments").GetBoolean());
        Assert.EndsWith("Z", view.GetProperty("submittedAt").GetString(), StringComparison.Ordinal);
        var move = Assert.Single(view.GetProperty("history").EnumerateArray());
        Assert.Equal(("draft", "pending", "mentor"), (move.GetProperty("fromStatus").GetString(), move.GetProperty("toStatus").GetString(), move.GetProperty("by").GetString()));
        var mail = Assert.Single(await app.VerificationMailsToAsync(mentor.Email));
        Assert.Equal("verification.pending", mail.Kind);
        Assert.Contains("/mentor/application", mail.TextBody, StringComparison.Ordinal);
        await using var scope = app.Scope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<AuditEvent>()
            .AnyAsync(e => e.Action == AuditActions.VerificationSubmitted && e.SubjectUserId == mentor.UserId));
    }

    [Fact]
    public async Task Submit_WithoutAProfile_Is409()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail(), role: "mentor");

        var problem = await (await client.PostAsync(Submit, new { }, token)).JsonAsync(HttpStatusCode.Conflict);

        Assert.Contains("profile", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithoutAnyDocument_Is409SayingADocumentAndAnIdProofAreMissing()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var mentor = await client.MentorWithProfileAsync();

        var problem = await (await client.PostAsync(Submit, new { }, mentor.Token)).JsonAsync(HttpStatusCode.Conflict);
        var view = await client.VerificationAsync(mentor.Token);

        Assert.Equal("Before you can submit, add: at least one document, an ID proof.", problem.GetProperty("detail").GetString());
        Assert.Equal(["documents", "id_proof"], view.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("at least one document", view.GetProperty("nextStep").GetString(), StringComparison.Ordinal);
        Assert.Equal("draft", view.GetProperty("verificationStatus").GetString());
    }

    [Fact]
    public async Task Submit_WithDocumentsButNoIdProof_Is409SayingTheIdProofIsMissing_InTheCallersLanguage()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var mentor = await client.MentorWithProfileAsync();
        await (await client.UploadAsync(mentor.Token, SampleFiles.Pdf(), "degree.pdf", "degree_certificate")).JsonAsync(HttpStatusCode.Created);

        var english = await (await client.PostAsync(Submit, new { }, mentor.Token)).JsonAsync(HttpStatusCode.Conflict);
        var telugu = await (await client.PostAsync(Submit + "?culture=te", new { }, mentor.Token)).JsonAsync(HttpStatusCode.Conflict);

        Assert.Equal("Before you can submit, add: an ID proof.", english.GetProperty("detail").GetString());
        Assert.Equal("సమర్పించే ముందు ఇవి జోడించండి: ఒక గుర్తింపు పత్రం.", telugu.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Verification_BeforeAProfileExists_Is404_AndIsForMentorsOnly()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (mentor, _) = await client.RegisterAsync(ApiClient.NewEmail(), role: "mentor");
        var (student, _) = await client.RegisterAsync(ApiClient.NewEmail());

        await (await client.GetAsync("/api/v1/me/mentor-profile/verification", mentor)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/me/mentor-profile/verification", student)).JsonAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsync(Submit, new { }, student)).JsonAsync(HttpStatusCode.Forbidden);
    }

    [Theory, AllProviders]
    public async Task Verification_ShowsReasonsButNotInternalNotes_AndNeverWhichStaffMemberActed(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, adminId) = await app.StaffTokenAsync(client);
        var mentor = await client.SubmittedMentorAsync();
        await (await client.MoveAsync(admin, mentor.MentorId, "documents_under_review", "Internal: Aadhaar matches DigiLocker")).JsonAsync(HttpStatusCode.OK);
        await (await client.MoveAsync(admin, mentor.MentorId, "reapplication_required", "Please upload your degree certificate too.")).JsonAsync(HttpStatusCode.OK);

        var response = await client.GetAsync("/api/v1/me/mentor-profile/verification", mentor.Token);
        var raw = await response.Content.ReadAsStringAsync();
        var view = await response.JsonAsync(HttpStatusCode.OK);

        var history = view.GetProperty("history");
        Assert.Equal(["pending", "documents_under_review", "reapplication_required"], history.Strings("toStatus"));
        Assert.Equal(["mentor", "gurukul_team", "gurukul_team"], history.Strings("by"));
        Assert.Equal("Please upload your degree certificate too.", history[2].GetProperty("notes").GetString());
        Assert.DoesNotContain("DigiLocker", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(adminId, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", raw, StringComparison.Ordinal);
        Assert.True(view.GetProperty("canSubmit").GetBoolean());
        Assert.True(view.GetProperty("canChangeDocuments").GetBoolean());
        Assert.Equal("Changes requested", view.GetProperty("statusLabel").GetString());
    }
}
