using System.Net;
using Gurukul.Features.Audit;
using Gurukul.Features.Mentors;
using Gurukul.Features.Mentors.Verification;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Gurukul.Tests.Features.Verification;

/// <summary><c>POST /api/v1/admin/mentors/{mentorId}/verification</c>: the staff workflow, its refusals, mails and races.</summary>
public sealed class VerificationMoveTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Admin_MovesAnApplicationStepByStepToApproved_EachMoveIsHistoryAuditAndAMail(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, adminId) = await app.StaffTokenAsync(client);
        var mentor = await client.SubmittedMentorAsync();
        string[] steps = ["documents_under_review", "background_check_in_progress", "interview_scheduled", "trial_session_required", "approved"];

        var answers = new List<string?>();
        foreach (var step in steps)
        {
            var moved = await (await client.MoveAsync(admin, mentor.MentorId, step, $"Step {step} done")).JsonAsync(HttpStatusCode.OK);
            answers.Add(moved.GetProperty("verificationStatus").GetString());
        }

        Assert.Equal(steps, answers);
        var mails = await app.VerificationMailsToAsync(mentor.Email);
        Assert.Equal(["verification.pending", .. steps.Select(s => "verification." + s)], mails.Select(m => m.Kind));
        Assert.Equal("Your Gurukul mentor application: Approved", mails[^1].Subject);
        Assert.Contains("Students can now find your profile", mails[^1].TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost/mentor/application", mails[^1].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Step approved done", mails[^1].TextBody, StringComparison.Ordinal);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        var mentorId = Guid.Parse(mentor.MentorId);
        Assert.Equal(6, await db.Set<VerificationEvent>().CountAsync(e => e.MentorId == mentorId));
        Assert.Equal(5, await db.Set<AuditEvent>().CountAsync(e => e.Action == AuditActions.VerificationMoved && e.SubjectUserId == mentor.UserId && e.ActorUserId == adminId));
        Assert.True((await db.MentorProfiles.SingleAsync(m => m.Id == mentorId)).IsPublic);
    }

    [Fact]
    public async Task Moves_TheWorkflowDoesNotAllow_Are409_NamingTheCurrentAndRequestedStatus()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var draft = await client.MentorWithProfileAsync();
        var approved = await client.SubmittedMentorAsync();
        await client.MoveThroughAsync(admin, approved.MentorId, "documents_under_review", "background_check_in_progress", "approved");
        var pending = await client.SubmittedMentorAsync();

        var draftToApproved = await (await client.MoveAsync(admin, draft.MentorId, "approved")).JsonAsync(HttpStatusCode.Conflict);
        var approvedToPending = await (await client.MoveAsync(admin, approved.MentorId, "pending")).JsonAsync(HttpStatusCode.Conflict);
        // Document review and the background check are never skipped.
        var skipping = await (await client.MoveAsync(admin, pending.MentorId, "approved")).JsonAsync(HttpStatusCode.Conflict);

        Assert.Equal("This application is “Draft” (draft) and cannot move to “Approved” (approved).", draftToApproved.GetProperty("detail").GetString());
        Assert.Contains("(approved) and cannot move to “Submitted, waiting for review” (pending)", approvedToPending.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("(pending) and cannot move to “Approved” (approved)", skipping.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task Support_MovesReviewSteps_ButApprovingRejectingAndSuspendingAre403(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (support, _) = await app.StaffTokenAsync(client, "support");
        var (admin, _) = await app.StaffTokenAsync(client);
        var mentor = await client.SubmittedMentorAsync();
        await client.MoveThroughAsync(support, mentor.MentorId, "documents_under_review", "background_check_in_progress");

        var approve = await (await client.MoveAsync(support, mentor.MentorId, "approved", "Looks good")).JsonAsync(HttpStatusCode.Forbidden);
        await (await client.MoveAsync(support, mentor.MentorId, "rejected", "Fake degree")).JsonAsync(HttpStatusCode.Forbidden);
        await client.MoveThroughAsync(admin, mentor.MentorId, "approved");
        await (await client.MoveAsync(support, mentor.MentorId, "suspended", "Complaint received")).JsonAsync(HttpStatusCode.Forbidden);
        var unapproved = await client.SubmittedMentorAsync();
        await (await client.MoveAsync(support, unapproved.MentorId, "reapplication_required", "Your ID photo is blurred.")).JsonAsync(HttpStatusCode.OK);
        // Only the mentor submits, not staff on their behalf.
        var resubmit = await (await client.MoveAsync(admin, unapproved.MentorId, "pending")).JsonAsync(HttpStatusCode.Forbidden);

        Assert.Contains("for admins", approve.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Only the mentor", resubmit.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var view = await client.VerificationAsync(mentor.Token);
        Assert.Equal("approved", view.GetProperty("verificationStatus").GetString());
    }

    [Fact]
    public async Task BadRequests_Are400NamingTheField_AndAnUnknownMentorIs404()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var mentor = await client.SubmittedMentorAsync();

        var noReason = await (await client.MoveAsync(admin, mentor.MentorId, "rejected", "   ")).JsonAsync(HttpStatusCode.BadRequest);
        var noReasonForChanges = await (await client.MoveAsync(admin, mentor.MentorId, "reapplication_required")).JsonAsync(HttpStatusCode.BadRequest);
        var tooLong = await (await client.MoveAsync(admin, mentor.MentorId, "documents_under_review", new string('x', 2001))).JsonAsync(HttpStatusCode.BadRequest);
        var unknown = await (await client.MoveAsync(admin, mentor.MentorId, "verified")).JsonAsync(HttpStatusCode.BadRequest);
        var missing = await (await client.PostAsync($"/api/v1/admin/mentors/{mentor.MentorId}/verification", new { }, admin)).JsonAsync(HttpStatusCode.BadRequest);
        await (await client.MoveAsync(admin, Guid.NewGuid().ToString(), "documents_under_review")).JsonAsync(HttpStatusCode.NotFound);
        await (await client.MoveAsync(admin, "nobody", "documents_under_review")).JsonAsync(HttpStatusCode.NotFound);
        await (await client.MoveAsync(admin, mentor.MentorId, "documents_under_review", new string('x', 2000))).JsonAsync(HttpStatusCode.OK);

        Assert.Contains("“Rejected”", noReason.GetProperty("errors").GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
        Assert.True(noReasonForChanges.GetProperty("errors").TryGetProperty("notes", out _));
        Assert.Contains("2000", tooLong.GetProperty("errors").GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("reapplication_required", unknown.GetProperty("errors").GetProperty("status")[0].GetString(), StringComparison.Ordinal);
        Assert.True(missing.GetProperty("errors").TryGetProperty("status", out _));
    }

    [Theory, AllProviders]
    public async Task TwoStaffMovingOneApplicationAtOnce_ExactlyOneWins_AndTheOthersGet409(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (first, _) = await app.StaffTokenAsync(client);
        var (second, _) = await app.StaffTokenAsync(client, "support");
        var mentor = await client.SubmittedMentorAsync();

        string[] targets = ["documents_under_review", "reapplication_required", "rejected", "documents_under_review"];

        // Every request decides from the status both saw ("pending"), as the admin page's form does.
        var attempts = Enumerable.Range(0, 8).Select(i => client.MoveAsync(
            i % 2 == 0 ? first : second, mentor.MentorId, i % 2 == 0 ? targets[i / 2] : "documents_under_review", "Seen and decided", expectedStatus: "pending"));
        var responses = await Task.WhenAll(attempts);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        await using var scope = app.Scope();
        var mentorId = Guid.Parse(mentor.MentorId);
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<VerificationEvent>().CountAsync(e => e.MentorId == mentorId));
        Assert.Equal(2, (await app.VerificationMailsToAsync(mentor.Email)).Count);
    }

    [Theory, AllProviders]
    public async Task SavingAMove_FromAStatusThatChangedSinceItWasRead_IsRefusedByTheDatabase(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await client.SubmittedMentorAsync();
        var mentorId = Guid.Parse(mentor.MentorId);
        await using var one = app.Scope();
        await using var other = app.Scope();
        var firstDb = one.ServiceProvider.GetRequiredService<GurukulDbContext>();
        var secondDb = other.ServiceProvider.GetRequiredService<GurukulDbContext>();
        var firstCopy = await firstDb.MentorProfiles.SingleAsync(m => m.Id == mentorId);
        var secondCopy = await secondDb.MentorProfiles.SingleAsync(m => m.Id == mentorId);
        var now = SystemClock.Instance.GetCurrentInstant();

        firstDb.Add(firstCopy.MoveVerification(VerificationStatus.DocumentsUnderReview, VerificationActor.Admin, null, null, now));
        await firstDb.SaveChangesAsync();
        secondDb.Add(secondCopy.MoveVerification(VerificationStatus.Rejected, VerificationActor.Admin, null, "Too late", now));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
    }

    [Fact]
    public async Task AMoveDecidedOnAStaleView_Is409_WhenTheExpectedStatusNoLongerHolds()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var mentor = await client.SubmittedMentorAsync();
        await client.MoveThroughAsync(admin, mentor.MentorId, "documents_under_review");

        var stale = await (await client.MoveAsync(admin, mentor.MentorId, "rejected", "Blurred ID", expectedStatus: "pending")).JsonAsync(HttpStatusCode.Conflict);
        await (await client.MoveAsync(admin, mentor.MentorId, "background_check_in_progress", expectedStatus: "documents_under_review")).JsonAsync(HttpStatusCode.OK);

        Assert.Contains("(documents_under_review)", stale.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task Mails_AreInTheMentorsLanguage_WithTheReasonWhenThereIsOne(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var hindi = await client.SubmittedMentorAsync("hi");
        var telugu = await client.SubmittedMentorAsync("te");
        var english = await client.SubmittedMentorAsync();

        await (await client.MoveAsync(admin, hindi.MentorId, "rejected", "डिग्री प्रमाणपत्र पढ़ा नहीं जा सकता।")).JsonAsync(HttpStatusCode.OK);
        await client.MoveThroughAsync(admin, telugu.MentorId, "documents_under_review", "background_check_in_progress", "approved");
        await client.MoveThroughAsync(admin, english.MentorId, "documents_under_review", "background_check_in_progress", "approved");
        await (await client.MoveAsync(admin, english.MentorId, "suspended", "Two complaints from parents; we are looking into them.")).JsonAsync(HttpStatusCode.OK);

        var rejected = (await app.VerificationMailsToAsync(hindi.Email))[^1];
        Assert.Equal("verification.rejected", rejected.Kind);
        Assert.Equal("आपका गुरुकुल मेंटर आवेदन: अस्वीकृत", rejected.Subject);
        Assert.Contains("गुरुकुल टीम का संदेश: डिग्री प्रमाणपत्र पढ़ा नहीं जा सकता।", rejected.TextBody, StringComparison.Ordinal);
        Assert.Contains("/mentor/application", rejected.TextBody, StringComparison.Ordinal);
        var approved = (await app.VerificationMailsToAsync(telugu.Email))[^1];
        Assert.Equal("మీ గురుకుల్ మెంటార్ దరఖాస్తు: ఆమోదించబడింది", approved.Subject);
        Assert.StartsWith("నమస్తే Asha Rao,", approved.TextBody, StringComparison.Ordinal);
        var suspended = (await app.VerificationMailsToAsync(english.Email))[^1];
        Assert.Equal("Your Gurukul mentor application: Suspended", suspended.Subject);
        Assert.Contains("The Gurukul team says: Two complaints from parents", suspended.TextBody, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task Mentor_ReappliesAfterARejection_AndTheHistoryKeepsBothRounds(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var mentor = await client.SubmittedMentorAsync();
        await client.MoveThroughAsync(admin, mentor.MentorId, "documents_under_review");
        await (await client.MoveAsync(admin, mentor.MentorId, "rejected", "The ID proof is expired.")).JsonAsync(HttpStatusCode.OK);

        var old = (await (await client.GetAsync(VerificationApi.Documents, mentor.Token)).JsonAsync(HttpStatusCode.OK))[0].GetProperty("id").GetString();
        await (await client.DeleteAsync($"{VerificationApi.Documents}/{old}", mentor.Token)).JsonAsync(HttpStatusCode.NoContent);
        await (await client.UploadAsync(mentor.Token, SampleFiles.Png(), "new-passport.png", "id_proof", "image/png")).JsonAsync(HttpStatusCode.Created);
        var resubmitted = await (await client.PostAsync("/api/v1/me/mentor-profile/submit", new { }, mentor.Token)).JsonAsync(HttpStatusCode.OK);
        await client.MoveThroughAsync(admin, mentor.MentorId, "documents_under_review");

        Assert.Equal("pending", resubmitted.GetProperty("verificationStatus").GetString());
        var detail = await (await client.GetAsync($"/api/v1/admin/mentor-applications/{mentor.MentorId}", admin)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["pending", "documents_under_review", "rejected", "pending", "documents_under_review"], detail.GetProperty("history").Strings("toStatus"));
        Assert.Equal("The ID proof is expired.", detail.GetProperty("history")[2].GetProperty("notes").GetString());
        Assert.Equal(["new-passport.png"], detail.GetProperty("documents").Strings("fileName"));
        var view = await client.VerificationAsync(mentor.Token);
        Assert.Equal(5, view.GetProperty("history").GetArrayLength());
        Assert.Equal("documents_under_review", view.GetProperty("verificationStatus").GetString());
    }
}
