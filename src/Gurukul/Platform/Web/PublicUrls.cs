namespace Gurukul.Platform.Web;

/// <summary>
/// The base of links in emails. Set <c>Gurukul:PublicBaseUrl</c> in production: without it the request's own host
/// is used, which is right for local use but would let a forged Host header shape password-reset links.
/// </summary>
public static class PublicUrls
{
    public static string BaseUrl(HttpContext context) =>
        context.RequestServices.GetRequiredService<IConfiguration>()["Gurukul:PublicBaseUrl"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
}
