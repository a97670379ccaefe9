using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Platform.Storage;
using Gurukul.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Platform;

/// <summary>
/// The content security policy stays strict: scripts, styles and frames from this origin only, no plugins, no framing by
/// other sites. The one loosening: Gurukul's own pages may frame signed file links, to preview verification PDFs.
/// </summary>
public sealed class SecurityHeadersTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string StrictPagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    [Theory]
    [InlineData("/")]
    [InlineData("/mentors")]
    [InlineData("/admin/verification")]
    [InlineData("/admin/verification/some-mentor")]
    [InlineData("/api/v1/me")]
    [InlineData("/no-such-page")]
    public async Task PagesAndApi_KeepTheStrictPolicy(string path)
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(StrictPagePolicy, response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task SignedFiles_MayBeFramedByGurukulOnly_AndAreOtherwiseUnderTheSamePolicy_ButTheirErrorPageIsNot()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        StoredFile stored;
        await using (var scope = app.Scope())
        {
            stored = await scope.ServiceProvider.GetRequiredService<IFileStorage>()
                .SaveAsync(UploadPolicy.Documents.Name, new MemoryStream(SampleFiles.Pdf()), FileInspector.Pdf, CancellationToken.None);
        }

        var (viewer, _) = await client.RegisterAsync(ApiClient.NewEmail());
        var link = app.Services.GetRequiredService<SignedFileLinks>().Create(stored.Key, "id.pdf", TimeSpan.FromMinutes(5), await app.ViewerAsync(viewer));
        var file = await client.GetAsync(link, viewer);
        var missing = await client.GetAsync(new Uri(SignedFileLinks.PathPrefix + "not-a-token", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var policy = file.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(StrictPagePolicy.Replace("frame-ancestors 'none'", "frame-ancestors 'self'", StringComparison.Ordinal), policy);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        // A dead link answers with the friendly error page, which is a page like any other: not frameable.
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StrictPagePolicy, missing.Headers.GetValues("Content-Security-Policy").Single());
    }
}
