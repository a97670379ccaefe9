using Gurukul.Platform.Storage;

namespace Gurukul.Platform.Web;

/// <summary>
/// Conservative browser security headers. Pages load scripts and styles only from this origin, so an injected
/// script tag cannot run. The API reference page (Swagger UI) needs inline styles, and only it gets them. Pages frame only
/// this origin (<c>default-src 'self'</c> covers <c>frame-src</c>), which the verification queue uses to preview PDFs.
/// </summary>
public static class SecurityHeaders
{
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    private static readonly PathString SignedFiles = SignedFileLinks.PathPrefix.TrimEnd('/');

    /// <summary>
    /// Signed file links (<c>/files/…</c>) under the page policy, except that Gurukul's own pages may frame them: staff preview
    /// verification PDFs inline. Other sites still may not, and nothing else about the policy is loosened.
    /// </summary>
    private static readonly string FramedFilePolicy = PagePolicy.Replace("frame-ancestors 'none'", "frame-ancestors 'self'", StringComparison.Ordinal);

    private const string ApiDocsPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api-docs") ? ApiDocsPolicy
            : context.Request.Path.StartsWithSegments(SignedFiles) ? FramedFilePolicy
            : PagePolicy;
        await next(context);
    });
}
