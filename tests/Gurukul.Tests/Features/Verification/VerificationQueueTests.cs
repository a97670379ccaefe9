using System.Net;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Verification;

/// <summary><c>GET /api/v1/admin/mentor-applications</c> and one application in full, for admins and support staff.</summary>
public sealed class VerificationQueueTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Queue = "/api/v1/admin/mentor-applications";

    [Theory, AllProviders]
    public async Task Queue_ByDefault_ListsApplicationsInReview_OldestSubmissionFirst_WithWorkingDocumentLinks(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (support, _) = await app.StaffTokenAsync(client, "support");
        var first = await client.SubmittedMentorAsync();
        var second = await client.SubmittedMentorAsync();
        var draft = await client.MentorWithProfileAsync();
        await client.MoveThroughAsync(support, second.MentorId, "documents_under_review");

        var items = await AllAsync(client, support, "");

        var ids = items.Select(i => i.GetProperty("mentorId").GetString()).ToList();
        Assert.True(ids.IndexOf(first.MentorId) >= 0 && ids.IndexOf(first.MentorId) < ids.IndexOf(second.MentorId), string.Join(",", ids));
        Assert.DoesNotContain(draft.MentorId, ids);
        Assert.All(items, i => Assert.Contains(i.GetProperty("verificationStatus").GetString(), new[]
        {
            "pending", "documents_under_review", "background_check_in_progress", "interview_scheduled", "trial_session_required",
        }));
        var item = items.Single(i => i.GetProperty("mentorId").GetString() == first.MentorId);
        Assert.Equal(first.UserId, item.GetProperty("userId").GetString());
        Assert.Equal("Asha Rao", item.GetProperty("name").GetString());
        Assert.Equal(SampleMentor.Headline, item.GetProperty("headline").GetString());
        Assert.EndsWith("Z", item.GetProperty("submittedAt").GetString(), StringComparison.Ordinal);
        var document = Assert.Single(item.GetProperty("documents").EnumerateArray());
        var file = await client.GetAsync(document.GetProperty("url").GetString()!, support);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.True(file.Headers.CacheControl is { Private: true, NoStore: true }, file.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Queue_FiltersByAnyStatus_AndNamesStatusForAnUnknownOne()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var pending = await client.SubmittedMentorAsync();
        var draft = await client.MentorWithProfileAsync();

        var pendingOnly = await AllAsync(client, admin, "pending");
        var drafts = await AllAsync(client, admin, "draft");
        var approved = await AllAsync(client, admin, "approved");
        var unknown = await (await client.GetAsync(Queue + "?status=verified", admin)).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains(pending.MentorId, pendingOnly.Select(i => i.GetProperty("mentorId").GetString()));
        Assert.All(pendingOnly, i => Assert.Equal("pending", i.GetProperty("verificationStatus").GetString()));
        Assert.Contains(draft.MentorId, drafts.Select(i => i.GetProperty("mentorId").GetString()));
        Assert.Equal(JsonValueKind.Null, drafts.Single(i => i.GetProperty("mentorId").GetString() == draft.MentorId).GetProperty("submittedAt").ValueKind);
        Assert.True(approved.Count >= 40, "the demo mentors are approved");
        Assert.Contains("documents_under_review", unknown.GetProperty("errors").GetProperty("status")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_PagesWithACursor_WithoutRepeatsOrGaps()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);

        var all = await AllAsync(client, admin, "approved", pageSize: 100);
        var paged = await AllAsync(client, admin, "approved", pageSize: 7);
        var badLimit = await client.GetAsync(Queue + "?limit=101", admin);
        var badCursor = await client.GetAsync(Queue + "?cursor=nonsense", admin);

        Assert.Equal(all.Select(i => i.GetProperty("mentorId").GetString()), paged.Select(i => i.GetProperty("mentorId").GetString()));
        Assert.True((await badLimit.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("limit", out _));
        Assert.True((await badCursor.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Theory, AllProviders]
    public async Task Application_ShowsProfileDocumentsAndWhoMadeEachMove_AndTheMovesTheCallerMayMake(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, adminId) = await app.StaffTokenAsync(client);
        var (support, _) = await app.StaffTokenAsync(client, "support");
        var mentor = await client.SubmittedMentorAsync();
        await client.MoveThroughAsync(admin, mentor.MentorId, "documents_under_review", "background_check_in_progress");

        var forAdmin = await (await client.GetAsync($"{Queue}/{mentor.MentorId}", admin)).JsonAsync(HttpStatusCode.OK);
        var forSupport = await (await client.GetAsync($"{Queue}/{mentor.MentorId}", support)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("background_check_in_progress", forAdmin.GetProperty("verificationStatus").GetString());
        Assert.Equal(mentor.Email, forAdmin.GetProperty("email").GetString());
        Assert.Equal(SampleMentor.Headline, forAdmin.GetProperty("profile").GetProperty("headline").GetString());
        Assert.Equal(["neet-ug"], forAdmin.GetProperty("profile").GetProperty("subjects").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, forAdmin.GetProperty("documents").GetArrayLength());
        var history = forAdmin.GetProperty("history");
        Assert.Equal(["pending", "documents_under_review", "background_check_in_progress"], history.Strings("toStatus"));
        Assert.Equal(mentor.UserId, history[0].GetProperty("actor").GetProperty("userId").GetString());
        Assert.Equal(adminId, history[2].GetProperty("actor").GetProperty("userId").GetString());
        Assert.Equal("Checked by the test", history[2].GetProperty("notes").GetString());
        Assert.Equal(["interview_scheduled", "approved", "rejected", "reapplication_required"],
            forAdmin.GetProperty("allowedMoves").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["interview_scheduled", "reapplication_required"], forSupport.GetProperty("allowedMoves").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Application_UnknownMentor_Is404()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);

        await (await client.GetAsync($"{Queue}/{Guid.NewGuid()}", admin)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Queue}/not-a-mentor", admin)).JsonAsync(HttpStatusCode.NotFound);
    }

    private static async Task<List<JsonElement>> AllAsync(HttpClient client, string token, string status, int pageSize = 100)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync($"{Queue}?status={status}&limit={pageSize}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), token))
                .JsonAsync(HttpStatusCode.OK);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return items;
    }
}
