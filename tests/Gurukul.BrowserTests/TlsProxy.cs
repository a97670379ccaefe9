using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Gurukul.BrowserTests;

/// <summary>
/// A reverse proxy as a deployment puts in front of Gurukul: it terminates TLS (a self-signed certificate made here for
/// 127.0.0.1) and forwards plain HTTP to the app from loopback, passing the original Host and adding X-Forwarded-For and
/// X-Forwarded-Proto, as nginx and Caddy do with the README's configuration. YARP, in this process.
/// </summary>
public sealed class TlsProxy : IAsyncDisposable
{
    private readonly WebApplication _proxy;

    private TlsProxy(WebApplication proxy, Uri address)
    {
        _proxy = proxy;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Listens on <paramref name="port"/> (HTTPS) and forwards everything to <paramref name="upstream"/>.</summary>
    public static async Task<TlsProxy> StartAsync(int port, Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(SelfSignedCertificate())));
        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                new RouteConfig
                {
                    RouteId = "everything",
                    ClusterId = "gurukul",
                    Match = new RouteMatch { Path = "{**path}" },
                    // nginx: proxy_set_header Host $host. X-Forwarded-For/-Proto/-Host are YARP's defaults.
                    Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
                },
            ],
            [
                new ClusterConfig
                {
                    ClusterId = "gurukul",
                    Destinations = new Dictionary<string, DestinationConfig> { ["app"] = new() { Address = upstream.ToString() } },
                },
            ]);
        var proxy = builder.Build();
        proxy.MapReverseProxy();
        await proxy.StartAsync();
        return new TlsProxy(proxy, new Uri($"https://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.StopAsync();
        await _proxy.DisposeAsync();
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel on Linux needs the key in a form it can use: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
