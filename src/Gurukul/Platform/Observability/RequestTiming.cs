using System.Diagnostics;
using System.Globalization;

namespace Gurukul.Platform.Observability;

/// <summary>
/// Logs server errors and slow requests (every request at Debug) with status and duration, and tells the client the server time
/// (<c>Server-Timing</c>) and the request id (<c>X-Request-Id</c>) that every log line of the request carries.
/// </summary>
internal sealed partial class RequestTiming(RequestDelegate next, ILogger<RequestTiming> logger)
{
    /// <summary>Requests slower than this are logged at Information whatever their status.</summary>
    public const double SlowMilliseconds = 1000;

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"app;dur={elapsed:0.0}");
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            return Task.CompletedTask;
        });

        try
        {
            await next(context);
        }
        finally
        {
            // Path only: query strings can carry tokens (password reset, guardian consent) that must never be logged.
            // A line per request costs the request path a formatted JSON line and the console's lock: at hundreds of
            // requests a second that showed in the search benchmark (ADR 0016). Server errors and slow requests are
            // always worth a line; the rest are logged at Debug, for operators who turn it on.
            // An event stream is meant to last: its length says nothing about the server's speed.
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var slow = elapsed >= SlowMilliseconds && context.Response.ContentType != Realtime.EventStreamEndpoint.ContentType;
            var level = context.Response.StatusCode >= 500 || slow ? LogLevel.Information : LogLevel.Debug;
            if (logger.IsEnabled(level))
            {
                LogRequest(logger, level, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, elapsed);
            }
        }
    }

    [LoggerMessage(EventId = 1, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string path, int statusCode, double elapsedMs);
}
