using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Gurukul.Tests.Infrastructure;

/// <summary>One server-sent event as a client parses it (WHATWG rules: id, event, data lines; comments ignored).</summary>
public sealed record StreamEvent(string? Id, string Type, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
}

/// <summary>
/// A client of <c>GET /api/v1/me/events</c>, reading the stream as it arrives and parsing it as a browser's EventSource does,
/// so a test can wait for the event it expects. Works against the in-memory test server and a real process alike.
/// </summary>
public sealed class EventStreamClient : IAsyncDisposable
{
    private readonly Channel<StreamEvent> _events = Channel.CreateUnbounded<StreamEvent>();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpResponseMessage _response;
    private readonly Task _reading;

    private EventStreamClient(HttpResponseMessage response)
    {
        _response = response;
        _reading = ReadAsync(response);
    }

    /// <summary>The last <c>id:</c> seen, including the bare one the stream starts with: what a reconnect sends as Last-Event-ID.</summary>
    public string? LastEventId { get; private set; }

    public HttpResponseMessage Response => _response;

    public static async Task<EventStreamClient> ConnectAsync(HttpClient client, string accessToken, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var stream = new EventStreamClient(response);
        // The stream opens with a bare id line: once it is read, the server has registered this client.
        await Poll.UntilAsync(() => Task.FromResult(stream.LastEventId is not null), "the event stream opens");
        return stream;
    }

    /// <summary>The next event of <paramref name="type"/> that <paramref name="matches"/>, skipping others; fails after the timeout.</summary>
    public async Task<StreamEvent> NextAsync(string type, Func<JsonElement, bool>? matches = null, TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(wait.Token);
                if (next.Type == type && (matches is null || matches(next.Json)))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No '{type}' event arrived in time.");
        }
    }

    /// <summary>Every event received so far and not yet taken by <see cref="NextAsync"/>.</summary>
    public List<StreamEvent> Drain()
    {
        var events = new List<StreamEvent>();
        while (_events.Reader.TryRead(out var next))
        {
            events.Add(next);
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // Closing a stream mid-read ends it that way.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync(_stop.Token);
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? id = null, type = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (line.Length == 0)
            {
                LastEventId = id ?? LastEventId;
                if (data.Length > 0)
                {
                    await _events.Writer.WriteAsync(new StreamEvent(id, type ?? "message", data.ToString(0, data.Length - 1)));
                }

                id = null;
                type = null;
                data.Clear();
                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data.Append(value).Append('\n');
                    break;
            }
        }
    }
}
