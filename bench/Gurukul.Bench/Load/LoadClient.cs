using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Gurukul.Bench.Generate;

namespace Gurukul.Bench.Load;

/// <summary>One simulated client: sends a request, waits for the whole body, records the outcome, and goes again (a closed loop).</summary>
public sealed class LoadClient(HttpClient http, Draw draw, IReadOnlyList<string> tokens)
{
    public const string Mentors = "GET /api/v1/mentors";
    public const string Facets = "GET /api/v1/mentors/facets";
    public const string Recommendations = "GET /api/v1/recommendations/mentors";

    public Draw Draw => draw;

    public Recorder Recorder { get; } = new();

    public string AnyToken => draw.Pick(tokens);

    /// <summary>Sends a GET and records it. Returns the body of a 2xx response (null otherwise); a sample of bodies is checked against <paramref name="shape"/>.</summary>
    public async Task<JsonDocument?> GetAsync(string endpoint, string variant, string pathAndQuery, string? token, Func<JsonElement, bool> shape, bool needBody = false)
    {
        var bucket = Recorder.For(endpoint, variant);
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var ok = response.IsSuccessStatusCode;
            // Parsing costs the client CPU it shares with the server here, so only a sample (and pages we follow) is parsed.
            var document = ok && (needBody || draw.Chance(0.1)) ? TryParse(body) : null;
            var bad = ok && (needBody || document is not null) && (document is null || !shape(document.RootElement));
            bucket.Add((int)response.StatusCode, milliseconds, body.Length, bad);
            return document;
        }
        catch (TaskCanceledException)
        {
            bucket.AddFailure("timeout");
        }
        catch (HttpRequestException failure)
        {
            bucket.AddFailure("no response: " + (failure.HttpRequestError.ToString()));
        }

        return null;
    }

    private static JsonDocument? TryParse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
