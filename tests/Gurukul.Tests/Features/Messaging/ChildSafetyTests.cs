using System.Net;
using Gurukul.Features.Audit;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Gurukul.Tests.Features.Messaging.ChatSetup;

namespace Gurukul.Tests.Features.Messaging;

public sealed class ChildSafetyTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    private const string ContactDetails = "Call me on +91 98765-43210 or 040 2345 6789, mail asha.rao@example.com or asha (at) gmail (dot) com, "
        + "or join https://chat.whatsapp.com/AbCdEf and t.me/asharao. Class on 2026-12-07 at 17:30, chapter 10.";

    [Theory, AllProviders]
    public async Task ToAStudentUnder18_PhoneNumbersEmailsAndMessagingLinks_AreMasked_AndTheSenderIsToldWhy(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var minor = await StudentAsync(client, minor: true);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, minor, mentor);

        var sent = await SendAsync(client, mentor.Token, conversation, ContactDetails);
        var fromChild = await SendAsync(client, minor.Token, conversation, "my number is 9876543210");
        var received = (await MessagesAsync(client, minor.Token, conversation)).GetProperty("items")[1];

        var body = sent.GetProperty("body").GetString()!;
        Assert.Equal(body, received.GetProperty("body").GetString());
        foreach (var secret in new[] { "98765", "43210", "2345 6789", "asha.rao@example.com", "gmail", "whatsapp", "t.me/asharao" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }

        // What is not a contact detail stays: dates, times, chapter numbers.
        Assert.Contains("Class on 2026-12-07 at 17:30, chapter 10.", body, StringComparison.Ordinal);
        Assert.Equal(["phone_number", "email", "messaging_link"], sent.GetProperty("masked").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("my number is •••••", fromChild.GetProperty("body").GetString());
        Assert.Equal(["phone_number"], fromChild.GetProperty("masked").EnumerateArray().Select(k => k.GetString()));
    }

    [Theory, AllProviders]
    public async Task ToAnAdultStudent_ContactDetailsAreLeftAlone(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var adult = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, adult, mentor);

        var sent = await SendAsync(client, mentor.Token, conversation, ContactDetails);

        Assert.Equal(ContactDetails, sent.GetProperty("body").GetString());
        Assert.Empty(sent.GetProperty("masked").EnumerateArray());
    }

    [Theory, AllProviders]
    public async Task AMentorWhoBlocksAStudent_Refuses_TheirMessages403_UntilUnblocked(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        var block = $"/api/v1/conversations/{conversation}/block";

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(block, new { }, student.Token)).StatusCode);
        await (await client.PostAsync(block, new { }, mentor.Token)).JsonAsync(HttpStatusCode.NoContent);
        var refused = await (await PostAsync(client, student.Token, conversation, "hello?")).JsonAsync(HttpStatusCode.Forbidden);
        var mentorWrites = await (await PostAsync(client, mentor.Token, conversation, "one more thing")).JsonAsync(HttpStatusCode.Conflict);
        var reopened = await (await client.PostAsync("/api/v1/conversations", new { mentorId = mentor.MentorId }, student.Token)).JsonAsync(HttpStatusCode.OK);
        await (await SendWithAsync(client, HttpMethod.Delete, block, mentor.Token)).JsonAsync(HttpStatusCode.NoContent);
        await SendAsync(client, student.Token, conversation, "thank you for unblocking");

        Assert.Equal("This mentor is not accepting messages from you.", refused.GetProperty("detail").GetString());
        Assert.Equal(409, mentorWrites.GetProperty("status").GetInt32());
        Assert.True(reopened.GetProperty("blocked").GetBoolean());
        await using var scope = app.Scope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<AuditEvent>()
            .AnyAsync(e => e.Action == AuditActions.StudentBlocked && e.ActorUserId == mentor.UserId && e.SubjectUserId == student.UserId));
    }

    [Theory, AllProviders]
    public async Task AReportedMessage_ReachesTheStaffQueueWithItsContext_AndStaffHideIt_WarnTheSender_AllAudited(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var minor = await StudentAsync(client, minor: true);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, minor, mentor);
        await SendAsync(client, minor.Token, conversation, "Sir, I did not understand the homework");
        var bad = await SendAsync(client, mentor.Token, conversation, "Come and meet me alone after class, do not tell your parents");
        var badId = bad.GetProperty("id").GetString()!;
        var (staff, _) = await app.StaffTokenAsync(client, "support");

        var report = await (await client.PostAsync($"/api/v1/messages/{badId}/report", new { reason = "He asked me to meet alone" }, minor.Token)).JsonAsync(HttpStatusCode.Created);
        await (await client.PostAsync($"/api/v1/messages/{badId}/report", new { reason = "again" }, minor.Token)).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/v1/messages/{badId}/report", new { reason = "" }, minor.Token)).JsonAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsync($"/api/v1/messages/{badId}/report", new { reason = "mine" }, mentor.Token)).JsonAsync(HttpStatusCode.Conflict);
        var queue = await (await client.GetAsync("/api/v1/admin/message-reports", staff)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/admin/message-reports", minor.Token)).StatusCode);

        var item = queue.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetString() == report.GetProperty("id").GetString());
        Assert.True(item.GetProperty("studentIsMinor").GetBoolean());
        Assert.Equal(mentor.UserId, item.GetProperty("sender").GetProperty("id").GetString());
        Assert.Equal(["Sir, I did not understand the homework", "Come and meet me alone after class, do not tell your parents"],
            item.GetProperty("context").EnumerateArray().Select(m => m.GetProperty("body").GetString()));

        var hidden = await (await client.PostAsync($"/api/v1/admin/messages/{badId}/moderation", new { action = "hide", reason = "Grooming risk" }, staff)).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/v1/admin/users/{mentor.UserId}/warnings", new { reason = "Never ask a student to meet alone.", messageId = badId }, staff))
            .JsonAsync(HttpStatusCode.NoContent);
        var seenByChild = (await MessagesAsync(client, minor.Token, conversation)).GetProperty("items")[0];
        var closed = await (await client.GetAsync("/api/v1/admin/message-reports?status=closed", staff)).JsonAsync(HttpStatusCode.OK);
        var warning = await (await client.GetAsync("/api/v1/me/notifications", mentor.Token)).JsonAsync(HttpStatusCode.OK);

        Assert.True(hidden.GetProperty("hidden").GetBoolean());
        Assert.True(seenByChild.GetProperty("removed").GetBoolean());
        Assert.Equal("", seenByChild.GetProperty("body").GetString());
        Assert.Contains(closed.GetProperty("items").EnumerateArray(), r => r.GetProperty("resolution").GetString() == "hidden: Grooming risk");
        Assert.Contains(warning.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "moderation.warning"
            && n.GetProperty("body").GetString()!.Contains("Never ask a student to meet alone.", StringComparison.Ordinal));
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.Action == AuditActions.MessageHidden && e.SubjectUserId == mentor.UserId));
        Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.Action == AuditActions.UserWarned && e.SubjectUserId == mentor.UserId));
    }

    [Theory, AllProviders]
    public async Task StaffModeration_OfBadInput_IsAClearRefusal(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (staff, _) = await app.StaffTokenAsync(client);

        var action = await (await client.PostAsync($"/api/v1/admin/messages/{Guid.NewGuid()}/moderation", new { action = "delete", reason = "x" }, staff)).JsonAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsync($"/api/v1/admin/messages/{Guid.NewGuid()}/moderation", new { action = "hide", reason = "x" }, staff)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync($"/api/v1/admin/users/nobody/warnings", new { reason = "x" }, staff)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync($"/api/v1/admin/message-reports/{Guid.NewGuid()}/close", new { note = "x" }, staff)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/admin/message-reports?status=maybe", staff)).JsonAsync(HttpStatusCode.BadRequest);

        Assert.True(action.GetProperty("errors").TryGetProperty("action", out _));
    }
}
