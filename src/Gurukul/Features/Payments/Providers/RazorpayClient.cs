using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Payments.Providers;

/// <summary>
/// Razorpay's REST API, the parts Gurukul uses (Razorpay has no .NET SDK here): orders, fetching a payment, refunds. Basic
/// authentication with the key id and secret; JSON with snake_case names; amounts in paise.
/// </summary>
public sealed class RazorpayClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;

    public RazorpayClient(HttpClient http, IOptions<PaymentOptions> options)
    {
        var razorpay = options.Value.Razorpay;
        http.BaseAddress = razorpay.BaseUrl;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{razorpay.KeyId}:{razorpay.KeySecret}")));
        _http = http;
    }

    public Task<RazorpayOrder> CreateOrderAsync(RazorpayOrderRequest order, CancellationToken cancellationToken) =>
        SendAsync<RazorpayOrder>(new HttpRequestMessage(HttpMethod.Post, "v1/orders") { Content = JsonContent.Create(order, options: Json) }, cancellationToken);

    public Task<RazorpayPayment> FetchPaymentAsync(string paymentId, CancellationToken cancellationToken) =>
        SendAsync<RazorpayPayment>(new HttpRequestMessage(HttpMethod.Get, $"v1/payments/{Uri.EscapeDataString(paymentId)}"), cancellationToken);

    /// <summary>A refund, made idempotent by Razorpay's <c>X-Refund-Idempotency</c> header: a retry returns the first refund.</summary>
    public Task<RazorpayRefund> RefundAsync(string paymentId, RazorpayRefundRequest refund, string idempotencyKey, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"v1/payments/{Uri.EscapeDataString(paymentId)}/refund")
        {
            Content = JsonContent.Create(refund, options: Json),
        };
        request.Headers.Add("X-Refund-Idempotency", idempotencyKey);
        return SendAsync<RazorpayRefund>(request, cancellationToken);
    }

    /// <summary>Reads a webhook's JSON (snake_case) with the same names as the API's answers.</summary>
    public static T? Read<T>(byte[] body) => JsonSerializer.Deserialize<T>(body, Json);

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new PaymentProviderException("Razorpay did not answer.", exception);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    var error = await ErrorAsync(response, cancellationToken);
                    throw new PaymentProviderException(
                        $"Razorpay answered {(int)response.StatusCode} {error?.Error?.Code}: {error?.Error?.Description}",
                        response.StatusCode == HttpStatusCode.Unauthorized ? new UnauthorizedAccessException("Check Payments:Razorpay:KeyId and KeySecret.") : null);
                }

                try
                {
                    return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken) ?? throw new PaymentProviderException("Razorpay answered with an empty body.");
                }
                catch (JsonException exception)
                {
                    throw new PaymentProviderException("Razorpay answered with something other than the expected JSON.", exception);
                }
            }
        }
    }

    // Gateways and proxies in front of Razorpay answer outages with HTML or nothing: the status alone then says what happened.
    private static async Task<RazorpayErrorBody?> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<RazorpayErrorBody>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record RazorpayErrorBody(RazorpayError? Error);

    private sealed record RazorpayError(string? Code, string? Description);
}

public sealed record RazorpayOrderRequest(long Amount, string Currency, string Receipt, Dictionary<string, string> Notes);

// Razorpay sends empty notes as [] and filled ones as an object, so answers keep them as raw JSON and read them with Note.
public sealed record RazorpayOrder(string Id, string Entity, long Amount, string Currency, string? Receipt, string Status, JsonElement Notes);

public sealed record RazorpayPayment(
    string Id, string Entity, long Amount, string Currency, string Status, string? OrderId, long? AmountRefunded, bool Captured, long? Fee,
    string? ErrorCode, string? ErrorDescription, JsonElement Notes);

public sealed record RazorpayRefundRequest(long Amount, string Receipt, Dictionary<string, string> Notes);

public sealed record RazorpayRefund(string Id, string Entity, long Amount, string Currency, string PaymentId, string Status, JsonElement Notes);

/// <summary>A webhook: <c>{ entity: "event", event: "payment.captured", payload: { payment: { entity: {…} } }, created_at }</c>.</summary>
public sealed record RazorpayWebhook(string Entity, string Event, RazorpayWebhookPayload? Payload, long CreatedAt);

public sealed record RazorpayWebhookPayload(RazorpayWrapped<RazorpayPayment>? Payment, RazorpayWrapped<RazorpayRefund>? Refund);

public sealed record RazorpayWrapped<T>(T Entity);

public static class RazorpayNotes
{
    /// <summary>One note's value, or null when the notes are empty (<c>[]</c>) or lack it.</summary>
    public static string? Note(this JsonElement notes, string name) =>
        notes.ValueKind == JsonValueKind.Object && notes.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
