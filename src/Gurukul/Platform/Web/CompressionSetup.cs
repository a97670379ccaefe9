using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Gurukul.Platform.Web;

/// <summary>
/// Brotli/gzip for pages and JSON (about 4× smaller HTML on slow networks); static assets are precompressed at build.
/// Over HTTPS this is safe for our pages because antiforgery tokens are re-randomised per response (BREACH);
/// a page that shows a long-lived secret (TOTP setup, recovery codes) must opt out (docs/adr/0001).
/// </summary>
public static class CompressionSetup
{
    public static IServiceCollection AddGurukulCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "application/json", "application/problem+json", "text/plain"];
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }
}
