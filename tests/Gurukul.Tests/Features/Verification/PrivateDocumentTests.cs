using System.Net;
using Gurukul.Features.Mentors.Verification;
using Gurukul.Platform.Data;
using Gurukul.Platform.Storage;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Features.Verification;

/// <summary>
/// Verification documents are private (docs/adr/0009): only their mentor, admins and support get links to them, the
/// links die within minutes, and anyone else finds nothing at all.
/// </summary>
public sealed class PrivateDocumentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task AnotherMentorAndAStudent_CannotListFetchOrDeleteAMentorsDocuments_NorGetALinkAnywhere(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var owner = await client.SubmittedMentorAsync();
        var mentor = await client.MentorWithProfileAsync();
        var (student, _) = await client.RegisterAsync(ApiClient.NewEmail());
        var (documentId, key) = await OnlyDocumentAsync(app, owner.MentorId);

        // Staff endpoints refuse them outright; the mentor endpoints answer each caller about their own application only.
        (string Token, HttpStatusCode Admin, HttpStatusCode Own, HttpStatusCode Delete)[] callers =
        [
            (mentor.Token, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.NotFound),
            (student, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
        ];
        foreach (var (token, adminStatus, ownStatus, deleteStatus) in callers)
        {
            var bodies = new List<string>();
            foreach (var (path, expected) in new[]
            {
                ("/api/v1/admin/mentor-applications", adminStatus), ("/api/v1/admin/mentor-applications?status=pending", adminStatus),
                ($"/api/v1/admin/mentor-applications/{owner.MentorId}", adminStatus), (VerificationApi.Documents, ownStatus),
                ("/api/v1/me/mentor-profile/verification", ownStatus),
            })
            {
                var response = await client.GetAsync(path, token);
                Assert.True(response.StatusCode == expected, $"{path}: expected {expected}, got {response.StatusCode}");
                bodies.Add(await response.Content.ReadAsStringAsync());
            }

            Assert.All(bodies, body => Assert.DoesNotContain(SignedFileLinks.PathPrefix, body, StringComparison.Ordinal));
            Assert.All(bodies, body => Assert.DoesNotContain(documentId, body, StringComparison.Ordinal));
            var delete = await client.DeleteAsync($"{VerificationApi.Documents}/{documentId}", token);
            Assert.Equal(deleteStatus, delete.StatusCode);
            Assert.DoesNotContain(SignedFileLinks.PathPrefix, await delete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, (await (await client.GetAsync(VerificationApi.Documents, mentor.Token)).JsonAsync(HttpStatusCode.OK)).GetArrayLength());
        // Nor is a private file reachable by its storage key as if it were a public one, or by a forged link.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(PublicFiles.Url(key), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(SignedFileLinks.PathPrefix + "forged" + key.Replace('/', '-'), UriKind.Relative))).StatusCode);
        Assert.Equal(1, (await (await client.GetAsync(VerificationApi.Documents, owner.Token)).JsonAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Theory, AllProviders]
    public async Task Admins_SupportAndTheOwner_GetLinks_ThatOpenForTheirOwnSessionOnly(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var (support, _) = await app.StaffTokenAsync(client, "support");
        var owner = await client.SubmittedMentorAsync();

        var links = new List<(string Viewer, string Link)>
        {
            (owner.Token, (await (await client.GetAsync(VerificationApi.Documents, owner.Token)).JsonAsync(HttpStatusCode.OK))[0].GetProperty("url").GetString()!),
        };
        foreach (var staff in new[] { admin, support })
        {
            var detail = await (await client.GetAsync($"/api/v1/admin/mentor-applications/{owner.MentorId}", staff)).JsonAsync(HttpStatusCode.OK);
            links.Add((staff, detail.GetProperty("documents")[0].GetProperty("url").GetString()!));
        }

        foreach (var (viewer, link) in links)
        {
            var file = await client.GetAsync(link, viewer);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(SampleFiles.Pdf(), await file.Content.ReadAsByteArrayAsync());
            // A link that leaks (history sync, a screenshot, a log) opens nothing without the session it was made for.
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(link, UriKind.Relative))).StatusCode);
            foreach (var other in links.Select(l => l.Viewer).Where(v => v != viewer))
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(link, other)).StatusCode);
            }
        }
    }

    [Fact]
    public async Task SignedLinks_HandedOut_ExpireWithinFiveMinutes_AndAnExpiredLinkIsNotFound()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var owner = await client.SubmittedMentorAsync();
        var before = DateTimeOffset.UtcNow;

        var url = (await (await client.GetAsync($"/api/v1/admin/mentor-applications/{owner.MentorId}", admin)).JsonAsync(HttpStatusCode.OK))
            .GetProperty("documents")[0].GetProperty("url").GetString()!;

        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Gurukul.Files").ToTimeLimitedDataProtector();
        protector.Unprotect(url[SignedFileLinks.PathPrefix.Length..], out var expires);
        Assert.InRange(expires, before.AddMinutes(4), DateTimeOffset.UtcNow.AddMinutes(5));

        var (_, key) = await OnlyDocumentAsync(app, owner.MentorId);
        var lifetime = TimeSpan.FromMilliseconds(1);
        var expired = app.Services.GetRequiredService<SignedFileLinks>().Create(key, "id.pdf", lifetime, await app.ViewerAsync(admin));
        var dead = DateTimeOffset.UtcNow + lifetime;
        await Poll.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow > dead.AddMilliseconds(10)), "the link has expired");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(expired, admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url, admin)).StatusCode);
    }

    private static async Task<(string Id, string Key)> OnlyDocumentAsync(GurukulApp app, string mentorId)
    {
        await using var scope = app.Scope();
        var id = Guid.Parse(mentorId);
        var document = await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<MentorDocument>().SingleAsync(d => d.MentorId == id);
        return (document.Id.ToString(), document.StorageKey);
    }
}
