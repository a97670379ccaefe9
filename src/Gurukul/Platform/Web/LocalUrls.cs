namespace Gurukul.Platform.Web;

public static class LocalUrls
{
    /// <summary>The URL if it is a path on this site, otherwise <paramref name="fallback"/>: never an open redirect.</summary>
    public static string OrFallback(string? url, string fallback) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : fallback;
}
