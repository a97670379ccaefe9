using Microsoft.AspNetCore.Http.Features;

namespace Gurukul.Platform.Web;

/// <summary>Kestrel as Gurukul runs it: no <c>Server</c> header, and over-long addresses answered with a body.</summary>
public static class ServerSetup
{
    /// <summary>The longest request target (path and query, as sent) Gurukul serves: Kestrel's own default request-line limit.</summary>
    public const int MaxRequestTargetLength = 8 * 1024;

    public static IWebHostBuilder ConfigureGurukulServer(this IWebHostBuilder webHost) => webHost.ConfigureKestrel(kestrel =>
    {
        // "Server: Kestrel" tells a scanner which exploits to try and tells users nothing.
        kestrel.AddServerHeader = false;
        // Kestrel refuses a request line over its limit itself, with an empty 414 that no middleware sees (its parser's
        // answers cannot be given a body). Its limit is raised above Gurukul's so that UseRequestTargetLimit answers the
        // usual over-long addresses with problem details; only the absurd ones still get Kestrel's empty answer.
        kestrel.Limits.MaxRequestLineSize = 4 * MaxRequestTargetLength;
    });

    /// <summary>414 for a request target longer than <see cref="MaxRequestTargetLength"/>; the status code pages give it a body.</summary>
    public static IApplicationBuilder UseRequestTargetLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        // Servers without a raw target (the test server) give the decoded path, which is never longer than the raw one.
        var length = target is { Length: > 0 } ? target.Length : (context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0);
        if (length > MaxRequestTargetLength)
        {
            context.Response.StatusCode = StatusCodes.Status414UriTooLong;
            return Task.CompletedTask;
        }

        return next(context);
    });
}
