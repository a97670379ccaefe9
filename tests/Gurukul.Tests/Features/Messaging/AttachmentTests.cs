using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;
using static Gurukul.Tests.Features.Messaging.ChatSetup;

namespace Gurukul.Tests.Features.Messaging;

public sealed class AttachmentTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    [Theory, AllProviders]
    public async Task AnImageAndAPdf_AreAttached_AndServedToBothPartiesByTheirBytes(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        var png = SampleFiles.Png();

        var image = await (await Upload(client, student.Token, conversation, png, "doubt.png", "application/octet-stream")).JsonAsync(HttpStatusCode.Created);
        var pdf = await (await Upload(client, student.Token, conversation, SampleFiles.Pdf(), "notes.pdf", "application/pdf")).JsonAsync(HttpStatusCode.Created);
        var message = await (await PostAsync(client, student.Token, conversation, "My working",
            attachmentIds: [image.GetProperty("id").GetString()!, pdf.GetProperty("id").GetString()!])).JsonAsync(HttpStatusCode.Created);
        var seen = (await MessagesAsync(client, mentor.Token, conversation)).GetProperty("items")[0].GetProperty("attachments");
        var served = await SendWithAsync(client, HttpMethod.Get, seen[0].GetProperty("url").GetString()!, mentor.Token);
        var reused = await (await PostAsync(client, student.Token, conversation, "again", attachmentIds: [image.GetProperty("id").GetString()!])).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal("image/png", image.GetProperty("contentType").GetString());
        Assert.Equal(png.Length, image.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(["doubt.png", "notes.pdf"], message.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("fileName").GetString()));
        Assert.Equal(2, seen.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.True(reused.GetProperty("errors").TryGetProperty("attachmentIds[0]", out _));
    }

    [Theory, AllProviders]
    public async Task FilesThatAreNotPdfsOrImages_AreRefused400_AndTooLargeOnes413(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(app, client);
        var conversation = await OpenAsync(client, student, mentor);
        var stranger = await StudentAsync(client);

        var html = await (await Upload(client, student.Token, conversation, SampleFiles.Text(), "notes.pdf", "application/pdf")).JsonAsync(HttpStatusCode.BadRequest);
        var fakePdf = await (await Upload(client, student.Token, conversation, [.. "%PDF-1.4\n<html><script>alert(1)</script>"u8], "x.pdf", "application/pdf"))
            .JsonAsync(HttpStatusCode.BadRequest);
        await (await Upload(client, student.Token, conversation, SampleFiles.PdfOfSize(10 * 1024 * 1024 + 1), "big.pdf", "application/pdf")).JsonAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await Upload(client, stranger.Token, conversation, SampleFiles.Png(), "x.png", "image/png")).JsonAsync(HttpStatusCode.NotFound);

        Assert.True(html.GetProperty("errors").TryGetProperty("file", out _));
        Assert.True(fakePdf.GetProperty("errors").TryGetProperty("file", out _));
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, string token, string conversation, byte[] bytes, string name, string type) =>
        SendWithAsync(client, HttpMethod.Post, $"/api/v1/conversations/{conversation}/attachments", token, SampleMentor.Upload(bytes, name, type, kind: null));
}
