using System.Diagnostics;
using System.Globalization;

namespace Gurukul.Platform.Observability;

/// <summary>
/// Logs one line per request with its status and duration, and tells the client the server time
/// (<c>Server-Timing</c>) and the request id (<c>X-Request-Id</c>) that every log line of the request carries.
/// </summary>
internal sealed partial class RequestTiming(RequestDelegate next, ILogger<RequestTiming> logger)
{
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
            if (logger.IsEnabled(LogLevel.Information))
            {
                LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
