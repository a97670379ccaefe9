using System.Net;
using Gurukul.Platform.Errors;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gurukul.Platform.Web;

/// <summary>
/// Gurukul behind a TLS-terminating proxy or load balancer (docs/adr/0017-behind-a-proxy.md): the scheme and client address
/// a trusted proxy reports in <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> become the request's own, so Secure
/// cookies, antiforgery, HSTS, audit records and rate limits see the real ones. Only proxies listed in
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) or <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges), comma-separated,
/// are believed; without either, loopback (a proxy on the same machine). The Host header is not taken from the proxy's
/// headers: proxies pass the original one through (README "Behind a proxy").
/// </summary>
public static class ProxySetup
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddGurukulForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Entries(configuration, "KnownProxies").Select(ParseAddress).ToList();
        var networks = Entries(configuration, "KnownNetworks").Select(ParseNetwork).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Count == 0 && networks.Count == 0)
            {
                // The framework's defaults already are loopback (127.0.0.0/8 and ::1); said here so nobody has to know that.
                return;
            }

            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        // Where a page asked for over plain HTTP is sent: the standard port unless HTTPS_PORT (ASPNETCORE_HTTPS_PORT) says otherwise.
        services.AddHttpsRedirection(options => options.HttpsPort = configuration.GetValue<int?>("HTTPS_PORT") ?? 443);
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's scheme and address.</summary>
    public static IApplicationBuilder UseGurukulForwardedHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>
    /// In Production a page reached over plain HTTP (no proxy in front, or one that is not trusted or does not say it
    /// terminated TLS) is sent to HTTPS, rather than failing on its Secure-only antiforgery and session cookies. The API, its
    /// OpenAPI document and the health probes keep answering over HTTP: load balancers probe that way, and API clients do not
    /// follow redirects.
    /// </summary>
    public static IApplicationBuilder UseHttpsForPages(this IApplicationBuilder app, IHostEnvironment environment) =>
        !environment.IsProduction() ? app : app.UseWhen(
            context => !context.Request.IsHttps && !ApiRequests.IsApi(context.Request)
                && !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/openapi"),
            pages => pages.UseHttpsRedirection());

    private static string[] Entries(IConfiguration configuration, string key) =>
        (configuration[$"{Section}:{key}"] ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // A mistyped proxy address would silently leave every client looking like the proxy: refuse to start instead.
    private static IPAddress ParseAddress(string entry) => IPAddress.TryParse(entry, out var address)
        ? address
        : throw new InvalidOperationException($"{Section}:KnownProxies: \"{entry}\" is not an IP address (e.g. 10.0.0.5 or fd00::5).");

    private static System.Net.IPNetwork ParseNetwork(string entry) => System.Net.IPNetwork.TryParse(entry, out var network)
        ? network
        : throw new InvalidOperationException($"{Section}:KnownNetworks: \"{entry}\" is not a CIDR range (e.g. 10.0.0.0/8 or fd00::/8).");
}
