using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Gurukul.Platform.Web;

/// <summary>
/// Absolute links for mail written anywhere, including background jobs that have no request: <c>Gurukul:PublicBaseUrl</c>
/// when set (always in Production, see <see cref="PublicUrls"/>); otherwise the current request's own address; otherwise
/// the address this server listens on (a developer's machine).
/// </summary>
public sealed class AbsoluteUrls(IOptions<PublicUrlOptions> options, IHttpContextAccessor http, IServer server)
{
    public string BaseUrl =>
        options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/')
        : http.HttpContext is { } context ? PublicUrls.BaseUrl(context)
        : ListeningAddress();

    /// <summary><paramref name="path"/> (starting with /) on this site.</summary>
    public string For(string path) => BaseUrl + path;

    private string ListeningAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        // A wildcard binding is not an address a mail reader can open.
        return address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
