namespace Gurukul.Platform.Observability;

public static class LoggingSetup
{
    /// <summary>One JSON object per line on stdout, with the request's scope (RequestId, TraceId) on every line logged during a request.</summary>
    public static ILoggingBuilder AddGurukulLogging(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        return logging;
    }

    public static IApplicationBuilder UseRequestTiming(this IApplicationBuilder app) => app.UseMiddleware<RequestTiming>();
}
