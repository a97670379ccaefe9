using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Verification;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Notifications;

public sealed class VerificationNotificationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task AVerificationMove_ReachesTheMentorsNotificationCentre_InTheirLanguage_AndItsStream(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var mentor = await client.SubmittedMentorAsync(locale: "te");
        await using var stream = await EventStreamClient.ConnectAsync(client, mentor.Token);

        await (await client.MoveAsync(admin, mentor.MentorId, "documents_under_review")).JsonAsync(HttpStatusCode.OK);
        var pushed = await stream.NextAsync("notification", n => n.GetProperty("notification").ValueKind == System.Text.Json.JsonValueKind.Object);
        var list = await (await client.GetAsync("/api/v1/me/notifications", mentor.Token)).JsonAsync(HttpStatusCode.OK);

        var newest = list.GetProperty("items")[0];
        Assert.Equal("verification.moved", newest.GetProperty("kind").GetString());
        Assert.Equal("/mentor/application", newest.GetProperty("link").GetString());
        Assert.StartsWith("మీ గురుకుల్ మెంటార్ దరఖాస్తు: ", newest.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(newest.GetProperty("id").GetString(), pushed.Json.GetProperty("notification").GetProperty("id").GetString());
        Assert.Equal(list.GetProperty("unreadCount").GetInt32(), pushed.Json.GetProperty("unreadCount").GetInt32());
    }
}
