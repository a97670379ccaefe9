using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Gurukul.Platform.Data;
using Gurukul.Platform.Storage;
using Gurukul.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Features.Accounts;

/// <summary><c>PUT</c>/<c>DELETE /api/v1/me/photo</c> through real HTTP, with files on local disk in a directory of the tests' own.</summary>
public sealed class ProfilePhotoTests(ProfilePhotoTests.Apps apps) : IClassFixture<ProfilePhotoTests.Apps>
{
    private static readonly byte[] Png = SampleFiles.Png(16, 16);
    private static readonly byte[] Jpeg = SampleFiles.Jpeg(16, 16);

    [Theory, AllProviders]
    public async Task Put_APngNamedAsAPdf_IsTheNewPhoto_ServedPubliclyAndCacheable(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());

        var body = await (await PutAsync(client, token, Png, "certificate.pdf", "application/pdf")).JsonAsync(HttpStatusCode.OK);

        var url = body.GetProperty("photoUrl").GetString()!;
        Assert.StartsWith("/media/photos/", url, StringComparison.Ordinal);
        Assert.DoesNotContain("certificate", url, StringComparison.Ordinal);
        using var served = await app.CreateClient().GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
        Assert.True(served.Headers.CacheControl is { Public: true, MaxAge.TotalDays: 365 }, $"Cache-Control: {served.Headers.CacheControl}");
    }

    [Theory, AllProviders]
    public async Task Put_ATextFileNamedAsAJpeg_Returns400NamingTheFile(DatabaseProvider provider)
    {
        var client = (await apps.For(provider)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());

        var problem = await (await PutAsync(client, token, Encoding.UTF8.GetBytes("not a picture at all"), "selfie.jpg", "image/jpeg")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("JPEG, PNG", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task Put_OneByteOverFiveMegabytes_Returns413(DatabaseProvider provider)
    {
        var client = (await apps.For(provider)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());
        var big = new byte[(5 * 1024 * 1024) + 1];
        Jpeg.CopyTo(big, 0);

        var problem = await (await PutAsync(client, token, big, "big.jpg", "image/jpeg")).JsonAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("5 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task Replacing_ThenDeleting_RemovesEachOldFile(DatabaseProvider provider)
    {
        var app = await apps.For(provider);
        var client = app.CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail("mentor"), role: "mentor");
        var storage = app.Services.GetRequiredService<IFileStorage>();

        var first = (await (await PutAsync(client, token, Png, "a.png", "image/png")).JsonAsync(HttpStatusCode.OK)).GetProperty("photoUrl").GetString()!;
        var second = (await (await PutAsync(client, token, Jpeg, "b.jpg", "image/jpeg")).JsonAsync(HttpStatusCode.OK)).GetProperty("photoUrl").GetString()!;

        Assert.NotEqual(first, second);
        Assert.False(await storage.ExistsAsync(Key(first), CancellationToken.None));
        Assert.True(await storage.ExistsAsync(Key(second), CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(first, UriKind.Relative))).StatusCode);

        await (await DeleteAsync(client, token)).JsonAsync(HttpStatusCode.NoContent);
        await (await DeleteAsync(client, token)).JsonAsync(HttpStatusCode.NoContent);

        Assert.False(await storage.ExistsAsync(Key(second), CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(second, UriKind.Relative))).StatusCode);
    }

    [Theory, AllProviders]
    public async Task Put_WithoutAFile_Returns400NamingIt(DatabaseProvider provider)
    {
        var client = (await apps.For(provider)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/photo") { Content = new MultipartFormDataContent { { new StringContent("x"), "note" } } };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var problem = await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _), problem.ToString());
    }

    [Theory, AllProviders]
    public async Task Photo_IsForSignedInUsers_AnonymousCallersGet401(DatabaseProvider provider)
    {
        var client = (await apps.For(provider)).CreateClient();

        await (await PutAsync(client, null, Png, "a.png", "image/png")).JsonAsync(HttpStatusCode.Unauthorized);
        await (await DeleteAsync(client, null)).JsonAsync(HttpStatusCode.Unauthorized);
    }

    private static string Key(string url) => url[PublicFiles.PathPrefix.Length..];

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string? token, byte[] bytes, string fileName, string declaredType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/photo") { Content = new MultipartFormDataContent { { file, "file", fileName } } };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> DeleteAsync(HttpClient client, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me/photo");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request);
    }

    /// <summary>One app per database, each storing files under a temporary directory that goes when the tests end.</summary>
    public sealed class Apps : IAsyncLifetime
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "gurukul-photo-tests", Guid.NewGuid().ToString("N"));
        private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<GurukulApp>>> _apps = new();

        public Task<GurukulApp> For(DatabaseProvider provider) =>
            _apps.GetOrAdd(provider, p => new Lazy<Task<GurukulApp>>(() =>
                GurukulApp.StartAsync(p, new Dictionary<string, string?> { ["Storage:Local:Root"] = Path.Combine(_directory, p.ToString()) }))).Value;

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
            {
                await (await app.Value).DisposeAsync();
            }

            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }
}
