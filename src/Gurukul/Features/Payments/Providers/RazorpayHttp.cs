using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gurukul.Features.Payments.Providers;

/// <summary>
/// What Razorpay's payment API and RazorpayX's payout API share: Basic authentication with the key id and secret, JSON with
/// snake_case names, and errors as <c>{ error: { code, description } }</c> (or an outage page in front of them).
/// </summary>
public static class RazorpayHttp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Authenticate(HttpClient http, Uri baseUrl, string keyId, string keySecret)
    {
        http.BaseAddress = baseUrl;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{keyId}:{keySecret}")));
    }

    public static HttpRequestMessage Post<T>(string path, T body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };

    /// <summary>
    /// Sends and reads the answer; every way it can go wrong (no answer, an error status, not the expected JSON) becomes the
    /// exception <paramref name="failure"/> makes of a message and its cause.
    /// </summary>
    public static async Task<T> SendAsync<T>(
        HttpClient http, HttpRequestMessage request, string service, Func<string, Exception?, Exception> failure, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw failure($"{service} did not answer.", exception);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    var error = await ErrorAsync(response, cancellationToken);
                    throw failure($"{service} answered {(int)response.StatusCode} {error?.Error?.Code}: {error?.Error?.Description}",
                        response.StatusCode == HttpStatusCode.Unauthorized ? new UnauthorizedAccessException($"Check the {service} key id and secret.") : null);
                }

                try
                {
                    return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken) ?? throw failure($"{service} answered with an empty body.", null);
                }
                catch (JsonException exception)
                {
                    throw failure($"{service} answered with something other than the expected JSON.", exception);
                }
            }
        }
    }

    // Gateways and proxies in front of Razorpay answer outages with HTML or nothing: the status alone then says what happened.
    private static async Task<ErrorBody?> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ErrorBody>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record ErrorBody(ErrorDetail? Error);

    private sealed record ErrorDetail(string? Code, string? Description);
}
