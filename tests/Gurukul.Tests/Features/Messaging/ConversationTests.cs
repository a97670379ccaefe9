using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;
using static Gurukul.Tests.Features.Messaging.ChatSetup;

namespace Gurukul.Tests.Features.Messaging;

public sealed class ConversationTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Theory, AllProviders]
    public async Task Open_ByStudent_Is201_AndOpeningAgainReturnsTheSameConversation(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);

        var first = await (await client.PostAsync("/api/v1/conversations", new { mentorId = mentor.MentorId }, student.Token)).JsonAsync(HttpStatusCode.Created);
        var again = await (await client.PostAsync("/api/v1/conversations", new { mentorId = mentor.MentorId }, student.Token)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal(mentor.UserId, first.GetProperty("with").GetProperty("id").GetString());
        Assert.Equal("Lakshmi Prasanna Reddy", first.GetProperty("with").GetProperty("name").GetString());
    }

    [Theory, AllProviders]
    public async Task Open_ByAMentor_OrForAMentorWhoIsNotPublic_OrByAStudentAwaitingConsent_IsRefused(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client);
        var hidden = await Mentors.MentorSetup.CreateAsync(app, client, "Draft Mentor", Gurukul.Features.Mentors.VerificationStatus.Pending);
        var (child, _) = await client.RegisterAsync(ApiClient.NewEmail("child"), dateOfBirth: DateTime.UtcNow.AddYears(-13).ToString("yyyy-MM-dd"),
            guardianEmail: ApiClient.NewEmail("guardian"));
        var student = await StudentAsync(client);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/conversations", new { mentorId = mentor.MentorId }, mentor.Token)).StatusCode);
        await (await client.PostAsync("/api/v1/conversations", new { mentorId = hidden.Id }, student.Token)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/v1/conversations", new { mentorId = "not-an-id" }, student.Token)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/v1/conversations", new { mentorId = mentor.MentorId }, child)).JsonAsync(HttpStatusCode.Forbidden);
    }

    [Theory, AllProviders]
    public async Task Post_TheSameClientIdTwice_GivesOneMessage_201ThenTheSameOne200(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        var clientId = Guid.NewGuid();

        var first = await (await PostAsync(client, student.Token, conversation, "Can you explain SN1 vs SN2?", clientId)).JsonAsync(HttpStatusCode.Created);
        var retried = await (await PostAsync(client, student.Token, conversation, "Can you explain SN1 vs SN2?", clientId)).JsonAsync(HttpStatusCode.OK);
        var messages = await MessagesAsync(client, mentor.Token, conversation);

        Assert.Equal(first.GetProperty("id").GetString(), retried.GetProperty("id").GetString());
        Assert.Equal(clientId.ToString(), first.GetProperty("clientId").GetString());
        var only = Assert.Single(messages.GetProperty("items").EnumerateArray());
        Assert.Equal(student.UserId, only.GetProperty("senderId").GetString());
        Assert.Equal("Can you explain SN1 vs SN2?", only.GetProperty("body").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, only.GetProperty("clientId").ValueKind);
    }

    [Theory, AllProviders]
    public async Task Post_TwoAtOnceWithOneClientId_StoresOneMessage(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        var clientId = Guid.NewGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(client, student.Token, conversation, "Hello twice?", clientId)));
        var messages = await MessagesAsync(client, student.Token, conversation);

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"got {(int)a.StatusCode}"));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Single(messages.GetProperty("items").EnumerateArray());
    }

    [Theory, AllProviders]
    public async Task Post_BadBodies_Are400NamingTheField(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        var path = $"/api/v1/conversations/{conversation}/messages";

        var empty = await (await PostAsync(client, student.Token, conversation, "   ")).JsonAsync(HttpStatusCode.BadRequest);
        var tooLong = await (await PostAsync(client, student.Token, conversation, new string('a', 4001))).JsonAsync(HttpStatusCode.BadRequest);
        var noClientId = await (await client.PostAsync(path, new { body = "hi" }, student.Token)).JsonAsync(HttpStatusCode.BadRequest);
        var badClientId = await (await client.PostAsync(path, new { clientId = "nope", body = "hi" }, student.Token)).JsonAsync(HttpStatusCode.BadRequest);
        var badAttachment = await (await PostAsync(client, student.Token, conversation, "hi", attachmentIds: [Guid.NewGuid().ToString()])).JsonAsync(HttpStatusCode.BadRequest);

        Assert.True(empty.GetProperty("errors").TryGetProperty("body", out _));
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("body", out _));
        Assert.True(noClientId.GetProperty("errors").TryGetProperty("clientId", out _));
        Assert.True(badClientId.GetProperty("errors").TryGetProperty("clientId", out _));
        Assert.True(badAttachment.GetProperty("errors").TryGetProperty("attachmentIds[0]", out _));
        await (await PostAsync(client, student.Token, conversation, new string('a', 4000))).JsonAsync(HttpStatusCode.Created);
    }

    [Theory, AllProviders]
    public async Task AConversationThatIsNotYours_Is404_ForEveryUse(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var stranger = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        var message = await SendAsync(client, student.Token, conversation, "private");

        await (await client.GetAsync($"/api/v1/conversations/{conversation}/messages", stranger.Token)).JsonAsync(HttpStatusCode.NotFound);
        await (await PostAsync(client, stranger.Token, conversation, "let me in")).JsonAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync($"/api/v1/conversations/{conversation}/read", new { upTo = message.GetProperty("id").GetString() }, stranger.Token)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync($"/api/v1/conversations/{conversation}/typing", new { }, stranger.Token)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync($"/api/v1/messages/{message.GetProperty("id").GetString()}/report", new { reason = "x" }, stranger.Token)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/conversations/{Guid.NewGuid()}/messages", student.Token)).JsonAsync(HttpStatusCode.NotFound);
        var strangers = await (await client.GetAsync("/api/v1/conversations", stranger.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(strangers.GetProperty("items").EnumerateArray());
    }

    [Theory, AllProviders]
    public async Task Messages_AreDeliveredWhenFetched_AndReadWhenMarked_AndTheListCountsWhatIsUnread(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        await SendAsync(client, student.Token, conversation, "one");
        var second = await SendAsync(client, student.Token, conversation, "two");

        var before = await (await client.GetAsync("/api/v1/conversations", mentor.Token)).JsonAsync(HttpStatusCode.OK);
        await MessagesAsync(client, mentor.Token, conversation);
        var delivered = await MessagesAsync(client, student.Token, conversation);
        await (await client.PostAsync($"/api/v1/conversations/{conversation}/read", new { upTo = second.GetProperty("id").GetString() }, mentor.Token)).JsonAsync(HttpStatusCode.NoContent);
        var read = await MessagesAsync(client, student.Token, conversation);
        var after = await (await client.GetAsync("/api/v1/conversations", mentor.Token)).JsonAsync(HttpStatusCode.OK);

        var summary = Assert.Single(before.GetProperty("items").EnumerateArray());
        Assert.Equal(2, summary.GetProperty("unreadCount").GetInt32());
        Assert.Equal("two", summary.GetProperty("lastMessage").GetProperty("body").GetString());
        Assert.All(delivered.GetProperty("items").EnumerateArray(), m =>
        {
            Assert.NotEqual(System.Text.Json.JsonValueKind.Null, m.GetProperty("deliveredAt").ValueKind);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, m.GetProperty("readAt").ValueKind);
        });
        Assert.All(read.GetProperty("items").EnumerateArray(), m => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, m.GetProperty("readAt").ValueKind));
        Assert.Equal(0, Assert.Single(after.GetProperty("items").EnumerateArray()).GetProperty("unreadCount").GetInt32());
        var badUpTo = await (await client.PostAsync($"/api/v1/conversations/{conversation}/read", new { upTo = Guid.NewGuid() }, mentor.Token)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(badUpTo.GetProperty("errors").TryGetProperty("upTo", out _));
    }

    [Theory, AllProviders]
    public async Task Messages_ArePagedNewestFirst_WithBefore(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        for (var i = 1; i <= 5; i++)
        {
            await SendAsync(client, student.Token, conversation, $"message {i}");
        }

        var first = await (await client.GetAsync($"/api/v1/conversations/{conversation}/messages?limit=2", student.Token)).JsonAsync(HttpStatusCode.OK);
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await client.GetAsync($"/api/v1/conversations/{conversation}/messages?limit=2&before={cursor}", student.Token)).JsonAsync(HttpStatusCode.OK);
        var third = await (await client.GetAsync($"/api/v1/conversations/{conversation}/messages?limit=2&before={second.GetProperty("nextCursor").GetString()}", student.Token)).JsonAsync(HttpStatusCode.OK);

        string[] Bodies(System.Text.Json.JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("body").GetString()!)];
        Assert.Equal(["message 5", "message 4"], Bodies(first));
        Assert.Equal(["message 3", "message 2"], Bodies(second));
        Assert.Equal(["message 1"], Bodies(third));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, third.GetProperty("nextCursor").ValueKind);
        await (await client.GetAsync($"/api/v1/conversations/{conversation}/messages?limit=101", student.Token)).JsonAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/conversations/{conversation}/messages?before=nope", student.Token)).JsonAsync(HttpStatusCode.BadRequest);
    }

    [Theory, AllProviders]
    public async Task Search_FindsTheCallersMessagesOnly(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var other = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var mine = await OpenAsync(client, student, mentor);
        var theirs = await OpenAsync(client, other, mentor);
        var word = "Thermodynamics" + Guid.NewGuid().ToString("N")[..6];
        await SendAsync(client, student.Token, mine, $"Help with {word} please");
        await SendAsync(client, mentor.Token, mine, $"Sure, {word.ToLowerInvariant()} tomorrow");
        await SendAsync(client, other.Token, theirs, $"I also need {word}");

        var hits = await (await client.GetAsync($"/api/v1/conversations/search?q={word.ToUpperInvariant()}", student.Token)).JsonAsync(HttpStatusCode.OK);
        var telugu = await (await client.GetAsync("/api/v1/conversations/search?q=" + Uri.EscapeDataString("ఉష్ణగతిక"), student.Token)).JsonAsync(HttpStatusCode.OK);

        var items = hits.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, h => Assert.Equal(mine, h.GetProperty("conversationId").GetString()));
        Assert.Equal(mentor.UserId, items[0].GetProperty("with").GetProperty("id").GetString());
        Assert.Empty(telugu.GetProperty("items").EnumerateArray());
        var tooShort = await (await client.GetAsync("/api/v1/conversations/search?q=a", student.Token)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(tooShort.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Theory, AllProviders]
    public async Task Post_TooManyInAMinute_Is429WithRetryAfter(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        for (var i = 0; i < 20; i++)
        {
            await SendAsync(client, student.Token, conversation, $"spam {i}");
        }

        var refused = await PostAsync(client, student.Token, conversation, "one more");

        await refused.JsonAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 61);
        // The mentor's own budget is untouched.
        await SendAsync(client, mentor.Token, conversation, "Please slow down.");
    }
}
