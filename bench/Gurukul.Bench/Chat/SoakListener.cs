using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Gurukul.Bench.Chat;

/// <summary>One open <c>GET /api/v1/me/events</c> stream of one person on one node, noting when each <c>message</c> event arrives.</summary>
public sealed class SoakListener(string userId, int node)
{
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string UserId { get; } = userId;
    public int Node { get; } = node;

    /// <summary>Completes once the server answered with the stream's headers (or the stream failed).</summary>
    public Task Connected => _connected.Task;

    /// <summary>Each message event: the message's id and the timestamp it arrived. Only this stream's reader adds to it.</summary>
    public List<(string MessageId, long Ticks)> Arrivals { get; } = [];

    public string? Failure { get; private set; }

    /// <summary>Reads the stream until <paramref name="stop"/>: <c>event:</c> and <c>data:</c> lines, an empty line ending each event.</summary>
    public async Task ReadAsync(HttpClient client, string token, CancellationToken stop)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/events");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
            if (!response.IsSuccessStatusCode)
            {
                Failure = $"HTTP {(int)response.StatusCode}";
                return;
            }

            _connected.TrySetResult();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            string? type = null, data = null;
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                if (line.Length == 0)
                {
                    if (type == "message" && data is not null)
                    {
                        using var json = JsonDocument.Parse(data);
                        Arrivals.Add((json.RootElement.GetProperty("id").GetString()!, Stopwatch.GetTimestamp()));
                    }

                    (type, data) = (null, null);
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    type = line[6..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data = line[5..].Trim();
                }
            }

            Failure ??= "closed by the server";
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over.
        }
        catch (Exception failure) when (failure is HttpRequestException or IOException or JsonException)
        {
            Failure = failure.GetType().Name + ": " + failure.Message;
        }
        finally
        {
            _connected.TrySetResult();
        }
    }
}
