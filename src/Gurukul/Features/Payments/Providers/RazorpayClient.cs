using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Payments.Providers;

/// <summary>
/// Razorpay's REST API, the parts Gurukul uses (Razorpay has no .NET SDK here): orders, fetching a payment, refunds. Basic
/// authentication with the key id and secret; JSON with snake_case names; amounts in paise.
/// </summary>
public sealed class RazorpayClient
{
    private readonly HttpClient _http;

    public RazorpayClient(HttpClient http, IOptions<PaymentOptions> options)
    {
        var razorpay = options.Value.Razorpay;
        RazorpayHttp.Authenticate(http, razorpay.BaseUrl, razorpay.KeyId, razorpay.KeySecret);
        _http = http;
    }

    public Task<RazorpayOrder> CreateOrderAsync(RazorpayOrderRequest order, CancellationToken cancellationToken) =>
        SendAsync<RazorpayOrder>(RazorpayHttp.Post("v1/orders", order), cancellationToken);

    public Task<RazorpayPayment> FetchPaymentAsync(string paymentId, CancellationToken cancellationToken) =>
        SendAsync<RazorpayPayment>(new HttpRequestMessage(HttpMethod.Get, $"v1/payments/{Uri.EscapeDataString(paymentId)}"), cancellationToken);

    /// <summary>A refund, made idempotent by Razorpay's <c>X-Refund-Idempotency</c> header: a retry returns the first refund.</summary>
    public Task<RazorpayRefund> RefundAsync(string paymentId, RazorpayRefundRequest refund, string idempotencyKey, CancellationToken cancellationToken)
    {
        var request = RazorpayHttp.Post($"v1/payments/{Uri.EscapeDataString(paymentId)}/refund", refund);
        request.Headers.Add("X-Refund-Idempotency", idempotencyKey);
        return SendAsync<RazorpayRefund>(request, cancellationToken);
    }

    /// <summary>Reads a webhook's JSON (snake_case) with the same names as the API's answers.</summary>
    public static T? Read<T>(byte[] body) => JsonSerializer.Deserialize<T>(body, RazorpayHttp.Json);

    private Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken) =>
        RazorpayHttp.SendAsync<T>(_http, request, "Razorpay", (message, inner) => new PaymentProviderException(message, inner), cancellationToken);
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
