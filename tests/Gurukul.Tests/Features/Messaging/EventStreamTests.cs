using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;
using static Gurukul.Tests.Features.Messaging.ChatSetup;

namespace Gurukul.Tests.Features.Messaging;

public sealed class EventStreamTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Theory, AllProviders]
    public async Task AMessage_ReachesBothPeoplesStreams_AsTheyEachSeeIt_AndTheSenderHearsItWasDeliveredThenRead(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        await using var mentorStream = await EventStreamClient.ConnectAsync(client, mentor.Token);
        await using var studentStream = await EventStreamClient.ConnectAsync(client, student.Token);

        var sent = await SendAsync(client, student.Token, conversation, "Are you free on Saturday?");
        var id = sent.GetProperty("id").GetString();
        var atMentor = await mentorStream.NextAsync("message", m => m.GetProperty("id").GetString() == id);
        var atStudent = await studentStream.NextAsync("message", m => m.GetProperty("id").GetString() == id);
        var delivered = await studentStream.NextAsync("read", r => r.GetProperty("status").GetString() == "delivered");
        await (await client.PostAsync($"/api/v1/conversations/{conversation}/read", new { upTo = id }, mentor.Token)).JsonAsync(HttpStatusCode.NoContent);
        var read = await studentStream.NextAsync("read", r => r.GetProperty("status").GetString() == "read");

        Assert.NotNull(atMentor.Id);
        Assert.Equal("Are you free on Saturday?", atMentor.Json.GetProperty("body").GetString());
        Assert.Equal(conversation, atMentor.Json.GetProperty("conversationId").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, atMentor.Json.GetProperty("clientId").ValueKind);
        Assert.Equal(sent.GetProperty("clientId").GetString(), atStudent.Json.GetProperty("clientId").GetString());
        Assert.Equal(mentor.UserId, delivered.Json.GetProperty("userId").GetString());
        Assert.Equal(id, delivered.Json.GetProperty("upTo").GetString());
        Assert.Equal(id, read.Json.GetProperty("upTo").GetString());
    }

    [Theory, AllProviders]
    public async Task Typing_ReachesTheOtherPersonOnly_AndIsNotKept(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        await using var mentorStream = await EventStreamClient.ConnectAsync(client, mentor.Token);
        await using var studentStream = await EventStreamClient.ConnectAsync(client, student.Token);

        await (await client.PostAsync($"/api/v1/conversations/{conversation}/typing", new { }, student.Token)).JsonAsync(HttpStatusCode.NoContent);
        var typing = await mentorStream.NextAsync("typing");
        await using var later = await EventStreamClient.ConnectAsync(client, mentor.Token, lastEventId: "0");
        await SendAsync(client, mentor.Token, conversation, "marker");
        await later.NextAsync("message");

        Assert.Null(typing.Id);
        Assert.Equal(conversation, typing.Json.GetProperty("conversationId").GetString());
        Assert.Equal(student.UserId, typing.Json.GetProperty("userId").GetString());
        Assert.DoesNotContain(studentStream.Drain(), e => e.Type == "typing");
        Assert.DoesNotContain(later.Drain(), e => e.Type == "typing");
    }

    [Theory, AllProviders]
    public async Task AReconnectWithLastEventId_ReceivesWhatWasMissed_InOrder_AndNothingTwice(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        string resumeFrom;
        await using (var first = await EventStreamClient.ConnectAsync(client, mentor.Token))
        {
            await SendAsync(client, student.Token, conversation, "seen live");
            await first.NextAsync("message");
            resumeFrom = first.LastEventId!;
        }

        await SendAsync(client, student.Token, conversation, "missed 1");
        await SendAsync(client, student.Token, conversation, "missed 2");
        await using var resumed = await EventStreamClient.ConnectAsync(client, mentor.Token, resumeFrom);
        var one = await resumed.NextAsync("message");
        var two = await resumed.NextAsync("message");
        await using var fresh = await EventStreamClient.ConnectAsync(client, mentor.Token);
        await SendAsync(client, student.Token, conversation, "after");
        var onlyNew = await fresh.NextAsync("message");

        Assert.Equal("missed 1", one.Json.GetProperty("body").GetString());
        Assert.Equal("missed 2", two.Json.GetProperty("body").GetString());
        Assert.True(long.Parse(one.Id!) > long.Parse(resumeFrom) && long.Parse(two.Id!) > long.Parse(one.Id!));
        Assert.Equal("after", onlyNew.Json.GetProperty("body").GetString());
    }

    [Theory, AllProviders]
    public async Task TheStream_IsForSignedInCallers_AndSaysItIsAnEventStream(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);

        var anonymous = await client.GetAsync(new Uri("/api/v1/me/events", UriKind.Relative));
        await using var stream = await EventStreamClient.ConnectAsync(client, student.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", stream.Response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }
}
