using System.Net;
using Gurukul.Features.Mentors.Verification;
using Gurukul.Platform.Data;
using Gurukul.Platform.Storage;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Features.Verification;

/// <summary><c>/api/v1/me/mentor-profile/documents</c>: upload, list and delete, with the checks on type, size, count and state.</summary>
public sealed class MentorDocumentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Upload_Returns201WithTheDocument_AndTheListHasASignedLinkServingTheBytes(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var mentor = await client.MentorWithProfileAsync();
        var pdf = SampleFiles.Pdf();

        var response = await client.UploadAsync(mentor.Token, pdf, "Aadhaar card (front).pdf", "id_proof");
        var created = await response.JsonAsync(HttpStatusCode.Created);
        var list = await (await client.GetAsync(VerificationApi.Documents, mentor.Token)).JsonAsync(HttpStatusCode.OK);
        var listed = Assert.Single(list.EnumerateArray());
        var file = await client.GetAsync(listed.GetProperty("url").GetString()!, mentor.Token);

        Assert.Equal(VerificationApi.Documents, response.Headers.Location?.OriginalString);
        Assert.Equal("id_proof", created.GetProperty("kind").GetString());
        Assert.Equal("Aadhaar card (front).pdf", created.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", created.GetProperty("contentType").GetString());
        Assert.Equal(pdf.Length, created.GetProperty("sizeBytes").GetInt64());
        Assert.EndsWith("Z", created.GetProperty("uploadedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(created.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        Assert.StartsWith(SignedFileLinks.PathPrefix, listed.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Upload_IsJudgedByItsBytes_NotItsNameOrDeclaredType()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var mentor = await client.MentorWithProfileAsync();

        var png = await (await client.UploadAsync(mentor.Token, SampleFiles.Png(), "degree.pdf", "degree_certificate", "application/pdf")).JsonAsync(HttpStatusCode.Created);
        var script = await client.UploadAsync(mentor.Token, SampleFiles.Text(), "id.pdf", "id_proof", "application/pdf");

        Assert.Equal("image/png", png.GetProperty("contentType").GetString());
        var errors = (await script.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("file", out _), errors.ToString());
    }

    [Theory, AllProviders]
    public async Task Upload_OfAPdfHeaderFollowedByHtml_Is400NamingTheFile_AndNothingIsKept(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var mentor = await client.MentorWithProfileAsync();

        var response = await client.UploadAsync(mentor.Token, "%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray(), "id.pdf", "id_proof");

        var errors = (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.StartsWith("This file could not be read as a PDF", errors.GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await (await client.GetAsync(VerificationApi.Documents, mentor.Token)).JsonAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Theory, AllProviders]
    public async Task Upload_NamedWithBidirectionalControls_IsShownWithoutThem(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var mentor = await client.MentorWithProfileAsync();

        // U+202E (right-to-left override) would show "degree\u202Efdp.exe" as "degreeexe.pdf"; U+2066 isolates, U+200F marks.
        var created = await (await client.UploadAsync(mentor.Token, SampleFiles.Pdf(), "degree\u202Efdp.exe\u2066\u200F", "degree_certificate")).JsonAsync(HttpStatusCode.Created);
        var listed = Assert.Single((await (await client.GetAsync(VerificationApi.Documents, mentor.Token)).JsonAsync(HttpStatusCode.OK)).EnumerateArray());

        Assert.Equal("degreefdp.exe", created.GetProperty("fileName").GetString());
        Assert.Equal("degreefdp.exe", listed.GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task Upload_OneByteOverTenMegabytes_Is413_AndExactlyTenMegabytesIsAccepted()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var mentor = await client.MentorWithProfileAsync();
        var atLimit = SampleFiles.PdfOfSize(UploadPolicy.Documents.MaxBytes);
        var overLimit = SampleFiles.PdfOfSize(UploadPolicy.Documents.MaxBytes + 1);

        var tooLarge = await (await client.UploadAsync(mentor.Token, overLimit)).JsonAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await client.UploadAsync(mentor.Token, atLimit)).JsonAsync(HttpStatusCode.Created);

        Assert.Contains("10 MB", tooLarge.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("passport_photo")]
    public async Task Upload_WithoutAKnownKind_Is400NamingKind(string? kind)
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var mentor = await client.MentorWithProfileAsync();

        var errors = (await (await client.UploadAsync(mentor.Token, SampleFiles.Pdf(), kind: kind)).JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.Contains("id_proof", errors.GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_WithoutAFile_Is400NamingFile()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var mentor = await client.MentorWithProfileAsync();
        using var form = new MultipartFormDataContent { { new StringContent("id_proof"), "kind" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, VerificationApi.Documents) { Content = form };
        request.Headers.Authorization = new("Bearer", mentor.Token);

        var errors = (await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.True(errors.TryGetProperty("file", out _), errors.ToString());
    }

    [Fact]
    public async Task Upload_BeforeTheMentorHasAProfile_Is404SayingToCreateItFirst()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail(), role: "mentor");

        var problem = await (await client.UploadAsync(token, SampleFiles.Pdf())).JsonAsync(HttpStatusCode.NotFound);

        Assert.Contains("profile", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_BeyondTheLimit_Is409()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var mentor = await client.MentorWithProfileAsync();
        for (var i = 0; i < MentorDocument.MaxPerMentor; i++)
        {
            await (await client.UploadAsync(mentor.Token, SampleFiles.Pdf(), $"letter-{i}.pdf", "experience_letter")).JsonAsync(HttpStatusCode.Created);
        }

        var problem = await (await client.UploadAsync(mentor.Token, SampleFiles.Pdf())).JsonAsync(HttpStatusCode.Conflict);

        Assert.Contains(MentorDocument.MaxPerMentor.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task Delete_RemovesTheDocumentAndItsStoredFile_AndItsLinkStopsWorking(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await client.MentorWithProfileAsync();
        var document = await (await client.UploadAsync(mentor.Token, SampleFiles.Pdf())).JsonAsync(HttpStatusCode.Created);
        var id = document.GetProperty("id").GetString()!;
        var key = await StorageKeyAsync(app, id);

        var deleted = await client.DeleteAsync($"{VerificationApi.Documents}/{id}", mentor.Token);
        var list = await (await client.GetAsync(VerificationApi.Documents, mentor.Token)).JsonAsync(HttpStatusCode.OK);
        var again = await client.DeleteAsync($"{VerificationApi.Documents}/{id}", mentor.Token);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, list.GetArrayLength());
        await again.JsonAsync(HttpStatusCode.NotFound);
        await using var scope = app.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<IFileStorage>().ExistsAsync(key, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(document.GetProperty("url").GetString()!, mentor.Token)).StatusCode);
    }

    [Fact]
    public async Task Delete_AnotherMentorsDocument_Is404_AndTheDocumentStays()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var owner = await client.MentorWithProfileAsync();
        var other = await client.MentorWithProfileAsync();
        var id = (await (await client.UploadAsync(owner.Token, SampleFiles.Pdf())).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();

        await (await client.DeleteAsync($"{VerificationApi.Documents}/{id}", other.Token)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"{VerificationApi.Documents}/not-a-guid", other.Token)).JsonAsync(HttpStatusCode.NotFound);

        var list = await (await client.GetAsync(VerificationApi.Documents, owner.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
    }

    [Theory, AllProviders]
    public async Task UploadAndDelete_WhileTheApplicationIsInReview_Are409SayingWhy(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await client.SubmittedMentorAsync();
        var id = (await (await client.GetAsync(VerificationApi.Documents, mentor.Token)).JsonAsync(HttpStatusCode.OK))[0].GetProperty("id").GetString();

        var upload = await (await client.UploadAsync(mentor.Token, SampleFiles.Pdf(), kind: "degree_certificate")).JsonAsync(HttpStatusCode.Conflict);
        var delete = await (await client.DeleteAsync($"{VerificationApi.Documents}/{id}", mentor.Token)).JsonAsync(HttpStatusCode.Conflict);

        Assert.Contains("Submitted, waiting for review", upload.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("before you submit", delete.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var list = await (await client.GetAsync(VerificationApi.Documents, mentor.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetArrayLength());
    }

    [Fact]
    public async Task Documents_AreForMentors_StudentsGet403()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (student, _) = await client.RegisterAsync(ApiClient.NewEmail());

        await (await client.UploadAsync(student, SampleFiles.Pdf())).JsonAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync(VerificationApi.Documents, student)).JsonAsync(HttpStatusCode.Forbidden);
    }

    private static async Task<string> StorageKeyAsync(GurukulApp app, string documentId)
    {
        await using var scope = app.Scope();
        var id = Guid.Parse(documentId);
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<MentorDocument>().Where(d => d.Id == id).Select(d => d.StorageKey).SingleAsync();
    }
}
