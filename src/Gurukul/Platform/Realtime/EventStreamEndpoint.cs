using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Gurukul.Features.Accounts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gurukul.Platform.Realtime;

/// <summary>
/// <c>GET /api/v1/me/events</c>: the caller's server-sent event stream (docs/adr/0028-realtime-stream.md). It opens with
/// <c>retry:</c> and an <c>id:</c> line (no event) marking where it starts, so a browser that reconnects before anything
/// arrived still sends a <c>Last-Event-ID</c>; then durable events with their ids, ephemeral ones without, and a comment
/// line when idle. Written here rather than with <c>TypedResults.ServerSentEvents</c>, which cannot send comment lines or a
/// bare id.
/// </summary>
public static class EventStreamEndpoint
{
    public const string Path = "/api/v1/me/events";
    public const string ContentType = "text/event-stream";

    public static IEndpointRouteBuilder MapRealtimeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, StreamAsync)
            .RequireAuthorization()
            .WithTags("Messages and notifications")
            .WithName("StreamEvents")
            .WithSummary("The caller's live events as server-sent events: message, read, typing, notification, booking, presence")
            .WithDescription("Each durable event (message, read, notification, booking) carries an id; reconnect with Last-Event-ID "
                + "(or ?lastEventId=) to receive what was missed (events are kept an hour by default, Realtime:Retention). typing and presence are sent only to open streams. "
                + "data is JSON. The stream starts with a bare id line and sends a comment line every 20 seconds when idle.")
            .Produces<string>(StatusCodes.Status200OK, ContentType);
        return app;
    }

    private static async Task StreamAsync(
        HttpContext http, RealtimeConnections connections, IServiceScopeFactory scopes, IOptions<RealtimeOptions> options,
        IHostApplicationLifetime lifetime)
    {
        var userId = AccountsEndpoints.UserId(http.User);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;
        long latest;
        await using (var scope = scopes.CreateAsyncScope())
        {
            latest = await scope.ServiceProvider.GetRequiredService<RealtimeEventReader>().LatestIdAsync(userId, cancellationToken);
        }

        // A resume from further than the stream has reached (another server's ids) starts from now.
        var cursor = LastEventId(http.Request) is { } resumeFrom ? Math.Min(resumeFrom, latest) : latest;
        var response = http.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache, no-store";
        // nginx would otherwise hold events in its buffer.
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var connection = new RealtimeConnection(userId, http.User);
        connections.Add(connection);
        try
        {
            var writer = response.BodyWriter;
            Write(writer, string.Create(CultureInfo.InvariantCulture, $"retry: {(long)options.Value.ClientRetry.TotalMilliseconds}\nid: {cursor}\n\n"));
            await writer.FlushAsync(cancellationToken);
            // Whatever was committed since the cursor was read, and a resume's backlog.
            connection.Wake();
            while (!cancellationToken.IsCancellationRequested)
            {
                var (ephemeral, durableDue) = await connection.WaitAsync(options.Value.KeepAlive, cancellationToken);
                foreach (var item in ephemeral)
                {
                    WriteEvent(writer, null, item.Type, item.Data);
                }

                if (durableDue)
                {
                    cursor = await WriteDurableAsync(writer, connection, cursor, scopes, cancellationToken);
                }

                if (ephemeral.Count == 0 && !durableDue)
                {
                    Write(writer, ": keep-alive\n\n");
                }

                await writer.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left, or the server is stopping: either way the stream is over.
        }
        finally
        {
            connections.Remove(connection);
        }
    }

    private static async Task<long> WriteDurableAsync(
        PipeWriter writer, RealtimeConnection connection, long cursor, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<RealtimeEventReader>();
        bool more;
        do
        {
            (var events, more) = await reader.ReadAfterAsync(connection.UserId, cursor, connection.Viewer, cancellationToken);
            foreach (var (stored, data) in events)
            {
                if (data is not null)
                {
                    WriteEvent(writer, stored.Id, stored.Type, data);
                }

                cursor = stored.Id;
            }
        }
        while (more);

        return cursor;
    }

    /// <summary>The resume point: the <c>Last-Event-ID</c> header a browser sends on reconnecting, or <c>?lastEventId=</c>.</summary>
    private static long? LastEventId(HttpRequest request)
    {
        var value = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["lastEventId"].FirstOrDefault();
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private static void WriteEvent(PipeWriter writer, long? id, string type, string data)
    {
        var frame = new StringBuilder();
        if (id is { } eventId)
        {
            frame.Append("id: ").Append(eventId.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        frame.Append("event: ").Append(type).Append('\n');
        // JSON from the serializer is one line; a line break anyway would end the field, so each line is its own data field.
        foreach (var line in data.Split('\n'))
        {
            frame.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        Write(writer, frame.Append('\n').ToString());
    }

    private static void Write(PipeWriter writer, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        Encoding.UTF8.GetBytes(text, writer.GetSpan(length));
        writer.Advance(length);
    }
}
