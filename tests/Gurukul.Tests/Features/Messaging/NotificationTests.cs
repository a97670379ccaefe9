using System.Net;
using Gurukul.Features.Notifications;
using Gurukul.Platform.Data;
using Gurukul.Platform.Mail;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Gurukul.Tests.Features.Messaging.ChatSetup;

namespace Gurukul.Tests.Features.Messaging;

public sealed class NotificationTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Theory, AllProviders]
    public async Task MessagesWhileAway_GiveOneNotificationAndOneMail_WithAOneClickUnsubscribe(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);

        await SendAsync(client, student.Token, conversation, "Hello");
        await SendAsync(client, student.Token, conversation, "Are you there?");
        var notification = await WaitForNotificationAsync(client, mentor.Token, "message.received");
        var mail = await MailAsync(app, mentor.UserId, "message.received");

        Assert.Equal("New messages from Asha Rao", notification.GetProperty("title").GetString());
        Assert.Equal("Asha Rao sent you 2 messages while you were away.", notification.GetProperty("body").GetString());
        Assert.Equal($"/messages/{conversation}", notification.GetProperty("link").GetString());
        Assert.Contains($"http://localhost/messages/{conversation}", mail.TextBody, StringComparison.Ordinal);
        Assert.NotNull(mail.ListUnsubscribe);
        Assert.Contains("/unsubscribe/one-click?token=", mail.ListUnsubscribe, StringComparison.Ordinal);
        Assert.Contains("/unsubscribe?token=", mail.TextBody, StringComparison.Ordinal);

        // RFC 8058: the mail client posts without a cookie; messages mail is off, everything else stays on.
        var oneClick = new Uri(mail.ListUnsubscribe);
        using var unsubscribe = await app.CreateClient().PostAsync(new Uri(oneClick.PathAndQuery, UriKind.Relative),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var preferences = await (await client.GetAsync("/api/v1/me/notification-preferences", mentor.Token)).JsonAsync(HttpStatusCode.OK);
        var page = await client.GetAsync(new Uri(oneClick.PathAndQuery, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, unsubscribe.StatusCode);
        Assert.False(preferences.GetProperty("email").GetProperty("messages").GetBoolean());
        Assert.True(preferences.GetProperty("email").GetProperty("reminders").GetBoolean());
        Assert.True(preferences.GetProperty("inApp").GetProperty("messages").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("You will no longer get emails about Messages", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task MessagesReadBeforeTheNoticeFallsDue_GiveNoNotice(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        var other = await StudentAsync(client);
        var marker = await OpenAsync(client, other, mentor);

        var message = await SendAsync(client, student.Token, conversation, "quick question");
        await (await client.PostAsync($"/api/v1/conversations/{conversation}/read", new { upTo = message.GetProperty("id").GetString() }, mentor.Token))
            .JsonAsync(HttpStatusCode.NoContent);
        // A later conversation's notice proves the queue has passed the moment the first one would have been due.
        await SendAsync(client, other.Token, marker, "marker");
        await WaitForNotificationAsync(client, mentor.Token, "message.received");

        var all = await (await client.GetAsync("/api/v1/me/notifications", mentor.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), n => n.GetProperty("link").GetString() == $"/messages/{conversation}");
    }

    [Theory, AllProviders]
    public async Task NotificationCentre_ListsNewestFirst_MarksSomeOrAllRead_AndTheBellHearsIt(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var person = await StudentAsync(client);
        await using (var scope = app.Scope())
        {
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            for (var i = 1; i <= 3; i++)
            {
                await notifier.NotifyAsync(person.UserId, new NotificationDraft("test.kind", NotificationCategory.Account,
                    new LocalText("notifications.title"), new LocalText("notifications.unread_count", i), "/account"), CancellationToken.None);
            }
        }

        await using var stream = await EventStreamClient.ConnectAsync(client, person.Token);
        var list = await (await client.GetAsync("/api/v1/me/notifications?limit=2", person.Token)).JsonAsync(HttpStatusCode.OK);
        var first = list.GetProperty("items")[0].GetProperty("id").GetString();
        await (await client.PostAsync("/api/v1/me/notifications/read", new { ids = new[] { first } }, person.Token)).JsonAsync(HttpStatusCode.NoContent);
        var afterOne = await stream.NextAsync("notification");
        var unread = await (await client.GetAsync("/api/v1/me/notifications?unread=true", person.Token)).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync("/api/v1/me/notifications/read", new { all = true }, person.Token)).JsonAsync(HttpStatusCode.NoContent);
        var afterAll = await stream.NextAsync("notification", n => n.GetProperty("unreadCount").GetInt32() == 0);
        var bad = await (await client.PostAsync("/api/v1/me/notifications/read", new { }, person.Token)).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal(3, list.GetProperty("unreadCount").GetInt32());
        Assert.Equal(["Unread: 3", "Unread: 2"], list.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("body").GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, list.GetProperty("nextCursor").ValueKind);
        Assert.Equal(2, afterOne.Json.GetProperty("unreadCount").GetInt32());
        Assert.Equal(2, unread.GetProperty("items").GetArrayLength());
        Assert.Equal(0, afterAll.Json.GetProperty("unreadCount").GetInt32());
        Assert.True(bad.GetProperty("errors").TryGetProperty("ids", out _));
    }

    [Theory, AllProviders]
    public async Task Preferences_AreAllOnAtFirst_AreReplacedWhole_AndAMissingSwitchIs400NamingIt(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var person = await StudentAsync(client);
        var path = "/api/v1/me/notification-preferences";

        var initial = await (await client.GetAsync(path, person.Token)).JsonAsync(HttpStatusCode.OK);
        var off = new { bookings = true, reminders = false, messages = true, reviews = false, payouts = true };
        var saved = await (await SendWithAsync(client, HttpMethod.Put, path, person.Token, System.Net.Http.Json.JsonContent.Create(new { email = off, inApp = off })))
            .JsonAsync(HttpStatusCode.OK);
        var missing = await (await SendWithAsync(client, HttpMethod.Put, path, person.Token,
            System.Net.Http.Json.JsonContent.Create(new { email = new { bookings = true }, inApp = off }))).JsonAsync(HttpStatusCode.BadRequest);

        Assert.All(initial.GetProperty("email").EnumerateObject().Concat(initial.GetProperty("inApp").EnumerateObject()), p => Assert.True(p.Value.GetBoolean()));
        Assert.False(saved.GetProperty("email").GetProperty("reminders").GetBoolean());
        Assert.False(saved.GetProperty("inApp").GetProperty("reviews").GetBoolean());
        Assert.True(missing.GetProperty("errors").TryGetProperty("email.reminders", out _));
        Assert.True(missing.GetProperty("errors").TryGetProperty("email.payouts", out _));
    }

    [Theory, AllProviders]
    public async Task Unsubscribe_WithAForgedToken_Is404_AndAGetNeverUnsubscribes(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var person = await StudentAsync(client);
        string token;
        await using (var scope = app.Scope())
        {
            token = scope.ServiceProvider.GetRequiredService<UnsubscribeLinks>().Token(person.UserId, NotificationCategory.Reminders);
        }

        var forged = await client.PostAsync(new Uri("/unsubscribe/one-click?token=forged", UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        var get = await client.GetAsync(new Uri($"/unsubscribe/one-click?token={Uri.EscapeDataString(token)}", UriKind.Relative));
        var page = await client.GetAsync(new Uri($"/unsubscribe?token={Uri.EscapeDataString(token)}", UriKind.Relative));
        var preferences = await (await client.GetAsync("/api/v1/me/notification-preferences", person.Token)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.StartsWith("/unsubscribe?token=", get.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains("Stop emails about Session reminders", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(preferences.GetProperty("email").GetProperty("reminders").GetBoolean());
    }

    private static async Task<System.Text.Json.JsonElement> WaitForNotificationAsync(HttpClient client, string token, string kind)
    {
        System.Text.Json.JsonElement found = default;
        await Poll.UntilAsync(async () =>
        {
            var list = await (await client.GetAsync("/api/v1/me/notifications", token)).JsonAsync(HttpStatusCode.OK);
            var match = list.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == kind).ToList();
            found = match.FirstOrDefault();
            return match.Count > 0;
        }, $"a {kind} notification arrives");
        return found;
    }

    private static async Task<OutboxMail> MailAsync(GurukulApp app, string userId, string kind)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync();
        return await db.Set<OutboxMail>().SingleAsync(m => m.To == email && m.Kind == kind);
    }
}
