using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Storage;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using NodaTime;
using Xunit;

namespace Gurukul.Tests.Platform;

/// <summary>
/// The storage port against both implementations: local disk, and S3 through a real S3-compatible server (s3rver).
/// Uploads are judged by their bytes; signed links are tried through real HTTP.
/// </summary>
public sealed partial class StorageTests(StorageTests.Servers servers) : IClassFixture<StorageTests.Servers>
{
    public static readonly TheoryData<string> Kinds = new() { "local", "s3" };

    public static readonly TheoryData<string, string> KindsAndEscapingKeys = EscapingKeys();

    private static readonly byte[] PngBytes = SampleFiles.Png(8, 8);
    private static readonly byte[] JpegBytes = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46];
    private static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    [Theory, MemberData(nameof(Kinds))]
    public async Task Save_ThenRead_GivesBackTheSameBytesAndHash(string kind)
    {
        var storage = await servers.StorageAsync(kind);
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        var stored = await storage.SaveAsync("documents", new MemoryStream(bytes), FileInspector.Pdf, CancellationToken.None);
        await using var read = await storage.OpenReadAsync(stored.Key, CancellationToken.None);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy);

        Assert.True(await storage.ExistsAsync(stored.Key, CancellationToken.None));
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(bytes.Length, stored.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal(FileInspector.Pdf, stored.ContentType);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Upload_IsStoredUnderAKeyTheStorageChose_NeverTheOriginalName(string kind)
    {
        var uploads = new Uploads(await servers.StorageAsync(kind), servers.Text);
        var before = SystemClock.Instance.GetCurrentInstant().InUtc();

        var first = await uploads.StoreUploadAsync(Upload(PngBytes, "../../etc/my photo.png", "image/png"), UploadPolicy.Photos, "photos", CancellationToken.None);
        var second = await uploads.StoreUploadAsync(Upload(PngBytes, "../../etc/my photo.png", "image/png"), UploadPolicy.Photos, "photos", CancellationToken.None);

        var after = SystemClock.Instance.GetCurrentInstant().InUtc();
        foreach (var key in new[] { first.Key, second.Key })
        {
            var match = KeyPattern().Match(key);
            Assert.True(match.Success, $"unexpected key shape: {key}");
            Assert.Equal("photos", match.Groups["area"].Value);
            Assert.Contains($"{match.Groups["year"].Value}-{match.Groups["month"].Value}", new[] { $"{before.Year:0000}-{before.Month:00}", $"{after.Year:0000}-{after.Month:00}" });
            Assert.DoesNotContain("photo", key[6..], StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("..", key, StringComparison.Ordinal);
        }

        Assert.NotEqual(first.Key, second.Key);
        Assert.Equal(first.Sha256, second.Sha256);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Delete_RemovesTheFile_AndDeletingAgainIsHarmless(string kind)
    {
        var storage = await servers.StorageAsync(kind);
        var stored = await storage.SaveAsync("documents", new MemoryStream(PdfBytes), FileInspector.Pdf, CancellationToken.None);

        await storage.DeleteAsync(stored.Key, CancellationToken.None);
        await storage.DeleteAsync(stored.Key, CancellationToken.None);

        Assert.False(await storage.ExistsAsync(stored.Key, CancellationToken.None));
        Assert.Null(await storage.OpenReadAsync(stored.Key, CancellationToken.None));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task OpenRead_OfAKeyNeverStored_IsNull(string kind)
    {
        var storage = await servers.StorageAsync(kind);

        Assert.Null(await storage.OpenReadAsync("documents/2026/01/0123456789abcdef0123456789abcdef", CancellationToken.None));
        Assert.False(await storage.ExistsAsync("documents/2026/01/0123456789abcdef0123456789abcdef", CancellationToken.None));
    }

    [Theory, MemberData(nameof(KindsAndEscapingKeys))]
    public async Task KeysThatCouldLeaveTheStorage_AreRefused(string kind, string key)
    {
        var storage = await servers.StorageAsync(kind);
        // A file right outside the local root, where "../outside.txt" would point.
        var outside = Path.Combine(Path.GetDirectoryName(servers.LocalRoot)!, "outside.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(outside)!);
        await File.WriteAllTextAsync(outside, "not yours");

        await Assert.ThrowsAsync<ArgumentException>(() => storage.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.ExistsAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.DeleteAsync(key, CancellationToken.None));
        Assert.True(File.Exists(outside));
    }

    [Theory]
    [InlineData("Documents")]
    [InlineData("../documents")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task Save_IntoAnAreaThatIsNotAPlainName_IsRefused(string area)
    {
        var storage = await servers.StorageAsync("local");

        await Assert.ThrowsAsync<ArgumentException>(() => storage.SaveAsync(area, new MemoryStream(PdfBytes), FileInspector.Pdf, CancellationToken.None));
    }

    [Fact]
    public async Task LocalDisk_LeavesNoTemporaryFileBehind()
    {
        var storage = await servers.StorageAsync("local");

        var stored = await storage.SaveAsync("documents", new MemoryStream(PdfBytes), FileInspector.Pdf, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(servers.LocalRoot, stored.Key)));
        Assert.Empty(Directory.GetFiles(Path.Combine(servers.LocalRoot, ".tmp")));
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, FileInspector.Pdf)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xDB }, FileInspector.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, FileInspector.Png)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, null)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 }, null)]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, null)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, null)]
    [InlineData(new byte[0], null)]
    public void FileInspector_DecidesByTheLeadingBytes(byte[] header, string? expected)
    {
        Assert.Equal(expected, FileInspector.Detect(header));
    }

    [Fact]
    public async Task Upload_OfAPngNamedAndDeclaredAsPdf_IsStoredAsPng()
    {
        var uploads = new Uploads(await servers.StorageAsync("local"), servers.Text);

        var stored = await uploads.StoreUploadAsync(Upload(PngBytes, "certificate.pdf", "application/pdf"), UploadPolicy.Photos, "photos", CancellationToken.None);

        Assert.Equal(FileInspector.Png, stored.ContentType);
        Assert.DoesNotContain(".pdf", stored.Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OfAPng_IsRefused_ByAPolicyWithoutPng()
    {
        var uploads = new Uploads(await servers.StorageAsync("local"), servers.Text);
        var pdfOnly = new UploadPolicy("pdf-only", [FileInspector.Pdf], 1024 * 1024);

        var refusal = await Assert.ThrowsAsync<ValidationException>(() =>
            uploads.StoreUploadAsync(Upload(PngBytes, "certificate.pdf", "application/pdf"), pdfOnly, "documents", CancellationToken.None));

        var problem = Assert.IsType<HttpValidationProblemDetails>(ProblemMapping.ToProblem(refusal, servers.Text));
        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
        Assert.Contains("PDF", Assert.Single(problem.Errors["file"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MZ\u0090\0\u0003\0\0\0 This program cannot be run in DOS mode", "setup.png")]
    [InlineData("PK\u0003\u0004\u0014\0\0\0\u0008\0 zipped", "photo.png")]
    [InlineData("<!DOCTYPE html><html><script>alert(1)</script></html>", "photo.png")]
    [InlineData("just some text, not a picture", "photo.png")]
    [InlineData("%PDF-1.7 a document is not a photo", "photo.png")]
    public async Task Upload_WhoseBytesAreNotAnAllowedImage_IsRefusedOnTheFileField_WhateverItIsCalled(string body, string name)
    {
        var uploads = new Uploads(await servers.StorageAsync("local"), servers.Text);

        var refusal = await Assert.ThrowsAsync<ValidationException>(() =>
            uploads.StoreUploadAsync(Upload(Encoding.Latin1.GetBytes(body), name, "image/png"), UploadPolicy.Photos, "photos", CancellationToken.None));

        var problem = Assert.IsType<HttpValidationProblemDetails>(ProblemMapping.ToProblem(refusal, servers.Text));
        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
        var message = Assert.Single(problem.Errors["file"]);
        Assert.Contains("JPEG, PNG", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OfAnEmptyFile_IsRefusedOnTheFileField()
    {
        var uploads = new Uploads(await servers.StorageAsync("local"), servers.Text);

        var refusal = await Assert.ThrowsAsync<ValidationException>(() =>
            uploads.StoreUploadAsync(Upload([], "empty.pdf", "application/pdf"), UploadPolicy.Documents, "documents", CancellationToken.None));

        Assert.Single(refusal.Errors["file"]);
    }

    [Fact]
    public async Task Upload_AboveThePolicyLimit_IsPayloadTooLarge()
    {
        var uploads = new Uploads(await servers.StorageAsync("local"), servers.Text);
        var bytes = new byte[UploadPolicy.Photos.MaxBytes + 1];
        PngBytes.CopyTo(bytes, 0);

        var refusal = await Assert.ThrowsAsync<PayloadTooLargeException>(() =>
            uploads.StoreUploadAsync(Upload(bytes, "big.png", "image/png"), UploadPolicy.Photos, "photos", CancellationToken.None));

        var problem = ProblemMapping.ToProblem(refusal, servers.Text);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, problem.Status);
        Assert.Contains("5", problem.Detail, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task SignedLink_ServesTheFile_InlineWithItsRealTypeAndPrivateHeaders(string kind)
    {
        var app = await servers.AppAsync(kind);
        var (storage, links) = (app.Services.GetRequiredService<IFileStorage>(), app.Services.GetRequiredService<SignedFileLinks>());
        var stored = await storage.SaveAsync("documents", new MemoryStream(PdfBytes), "application/octet-stream", CancellationToken.None);
        var client = app.CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());

        var link = links.Create(stored.Key, "ప్రమాణపత్రం 2026.pdf", TimeSpan.FromMinutes(5), await app.ViewerAsync(token));
        using var response = await client.GetAsync(link, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("/files/", link, StringComparison.Ordinal);
        Assert.Equal(FileInspector.Pdf, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PdfBytes, await response.Content.ReadAsByteArrayAsync());
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("inline", disposition.DispositionType);
        Assert.Equal("ప్రమాణపత్రం 2026.pdf", Uri.UnescapeDataString(disposition.FileNameStar!.Trim('"')));
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task SignedLink_ThatWasTamperedWith_IsNotFound_AndNoTokenCausesAServerError()
    {
        var app = await servers.AppAsync("local");
        var (storage, links) = (app.Services.GetRequiredService<IFileStorage>(), app.Services.GetRequiredService<SignedFileLinks>());
        var stored = await storage.SaveAsync("photos", new MemoryStream(JpegBytes), FileInspector.Jpeg, CancellationToken.None);
        var client = app.CreateClient();
        var (viewer, _) = await client.RegisterAsync(ApiClient.NewEmail());
        var token = links.Create(stored.Key, null, TimeSpan.FromMinutes(5), await app.ViewerAsync(viewer))["/files/".Length..];
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        foreach (var bad in new[] { tampered, token[..^2], "not-a-token", "AAAA", new string('A', 4000), "..%2F..%2Fetc%2Fpasswd" })
        {
            using var response = await client.GetAsync("/files/" + bad, viewer);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"/files/{bad[..Math.Min(bad.Length, 40)]} answered {(int)response.StatusCode}");
        }

        using var genuine = await client.GetAsync("/files/" + token, viewer);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(FileInspector.Jpeg, genuine.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SignedLink_ThatHasExpired_IsNotFound()
    {
        var app = await servers.AppAsync("local");
        var (storage, links) = (app.Services.GetRequiredService<IFileStorage>(), app.Services.GetRequiredService<SignedFileLinks>());
        var stored = await storage.SaveAsync("documents", new MemoryStream(PdfBytes), FileInspector.Pdf, CancellationToken.None);

        var client = app.CreateClient();
        var (viewer, _) = await client.RegisterAsync(ApiClient.NewEmail());

        var lifetime = TimeSpan.FromMilliseconds(1);
        var expires = DateTimeOffset.UtcNow + lifetime;
        var link = links.Create(stored.Key, "expired.pdf", lifetime, await app.ViewerAsync(viewer));
        await Poll.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow > expires.AddMilliseconds(10)), "the link has expired");
        using var response = await client.GetAsync(link, viewer);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SignedLink_ToADeletedFile_IsNotFound()
    {
        var app = await servers.AppAsync("local");
        var (storage, links) = (app.Services.GetRequiredService<IFileStorage>(), app.Services.GetRequiredService<SignedFileLinks>());
        var stored = await storage.SaveAsync("documents", new MemoryStream(PdfBytes), FileInspector.Pdf, CancellationToken.None);
        var client = app.CreateClient();
        var (viewer, _) = await client.RegisterAsync(ApiClient.NewEmail());
        var link = links.Create(stored.Key, null, TimeSpan.FromMinutes(5), await app.ViewerAsync(viewer));

        await storage.DeleteAsync(stored.Key, CancellationToken.None);
        using var response = await client.GetAsync(link, viewer);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task PublicPhoto_IsServedWithoutASignature_AndCacheableForAYear(string kind)
    {
        var app = await servers.AppAsync(kind);
        var storage = app.Services.GetRequiredService<IFileStorage>();
        var stored = await storage.SaveAsync(UploadPolicy.Photos.Name, new MemoryStream(JpegBytes), FileInspector.Jpeg, CancellationToken.None);

        using var response = await app.CreateClient().GetAsync(new Uri(PublicFiles.Url(stored.Key), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FileInspector.Jpeg, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JpegBytes, await response.Content.ReadAsByteArrayAsync());
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalDays: 365 }, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task PrivateDocument_IsNotReachableAsAPublicFile_EvenWithItsKey()
    {
        var app = await servers.AppAsync("local");
        var storage = app.Services.GetRequiredService<IFileStorage>();
        var stored = await storage.SaveAsync(UploadPolicy.Documents.Name, new MemoryStream(PdfBytes), FileInspector.Pdf, CancellationToken.None);
        var client = app.CreateClient();

        foreach (var path in new[] { PublicFiles.Url(stored.Key), "/media/photos/../" + stored.Key, "/media/photos%2F..%2F" + stored.Key, "/media/", "/media/photos/2026/01/missing" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task TheApp_StoresOnS3_ExactlyWhenABucketIsConfigured()
    {
        Assert.IsType<LocalDiskStorage>((await servers.AppAsync("local")).Services.GetRequiredService<IFileStorage>());
        Assert.IsType<S3Storage>((await servers.AppAsync("s3")).Services.GetRequiredService<IFileStorage>());
    }

    private static FormFile Upload(byte[] bytes, string fileName, string declaredType) =>
        new(new MemoryStream(bytes), 0, bytes.Length, "file", fileName) { Headers = new HeaderDictionary(), ContentType = declaredType };

    private static TheoryData<string, string> EscapingKeys()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "local", "s3" })
        {
            foreach (var key in new[] { "../x", "../outside.txt", "/etc/passwd", "a\\b", "documents/../../x", "./x", "C:/x", "documents//x", "" })
            {
                data.Add(kind, key);
            }
        }

        return data;
    }

    [GeneratedRegex("^(?<area>[a-z0-9-]+)/(?<year>[0-9]{4})/(?<month>[0-9]{2})/[0-9a-f]{32}$")]
    private static partial Regex KeyPattern();

    /// <summary>
    /// What the tests share: a local root in a temporary directory, an s3rver started on first use, storages made by
    /// the app's own <c>AddGurukulStorage</c>, and one app per storage kind for the HTTP tests.
    /// </summary>
    public sealed class Servers : IAsyncLifetime
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "gurukul-storage-tests", Guid.NewGuid().ToString("N"));
        private readonly Lazy<Task<S3Server>> _s3 = new(() => S3Server.StartAsync());
        private readonly Dictionary<string, Lazy<Task<(ServiceProvider Services, IFileStorage Storage)>>> _storages = [];
        private readonly Dictionary<string, Lazy<Task<GurukulApp>>> _apps = [];
        private readonly ServiceProvider _localization = new ServiceCollection().AddGurukulLocalization().BuildServiceProvider();

        public Servers()
        {
            foreach (var kind in new[] { "local", "s3" })
            {
                _storages[kind] = new(() => CreateStorageAsync(kind));
                _apps[kind] = new(async () => await GurukulApp.StartAsync(DatabaseProvider.Sqlite, await SettingsAsync(kind, "app")));
            }
        }

        /// <summary>The root of the "local" storage, inside a directory of its own (so a file can be planted just outside it).</summary>
        public string LocalRoot => Path.Combine(_directory, "direct", "files");

        public IStringLocalizer<Strings> Text => _localization.GetRequiredService<IStringLocalizer<Strings>>();

        public async Task<IFileStorage> StorageAsync(string kind) => (await _storages[kind].Value).Storage;

        public Task<GurukulApp> AppAsync(string kind) => _apps[kind].Value;

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
            {
                await (await app.Value).DisposeAsync();
            }

            foreach (var storage in _storages.Values.Where(s => s.IsValueCreated))
            {
                await (await storage.Value).Services.DisposeAsync();
            }

            if (_s3.IsValueCreated)
            {
                await (await _s3.Value).DisposeAsync();
            }

            await _localization.DisposeAsync();
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }

        private async Task<Dictionary<string, string?>> SettingsAsync(string kind, string name) =>
            kind == "s3" ? (await _s3.Value).Settings() : new() { ["Storage:Local:Root"] = Path.Combine(_directory, name, "files") };

        private async Task<(ServiceProvider, IFileStorage)> CreateStorageAsync(string kind)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(await SettingsAsync(kind, "direct")).Build();
            var services = new ServiceCollection()
                .AddLogging()
                .AddSingleton<IClock>(SystemClock.Instance)
                .AddGurukulStorage(configuration, _directory)
                .BuildServiceProvider();
            return (services, services.GetRequiredService<IFileStorage>());
        }
    }
}
