using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gurukul.Features.Payments.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gurukul.Tests.Features.Payments;

/// <summary>
/// Razorpay's API as its documentation describes it, for the parts Gurukul uses: Basic authentication with key id and secret,
/// <c>POST /v1/orders</c>, <c>GET /v1/payments/{id}</c>, <c>POST /v1/payments/{id}/refund</c> (idempotent under
/// <c>X-Refund-Idempotency</c>), snake_case JSON, error bodies <c>{ error: { code, description } }</c>. What a customer does in
/// Razorpay Checkout is played by <see cref="Capture"/> and <see cref="Fail"/>, which return what Razorpay would then send:
/// the Checkout handler's signed fields and the webhook, signed with <c>X-Razorpay-Signature</c> and carrying <c>x-razorpay-event-id</c>.
/// </summary>
public sealed class RazorpayStandIn : IAsyncDisposable
{
    public const string KeyId = "rzp_test_StandIn0001";
    public const string KeySecret = "stand-in-key-secret";
    public const string WebhookSecret = "stand-in-webhook-secret";

    private readonly ConcurrentDictionary<string, JsonObject> _orders = new();
    private readonly ConcurrentDictionary<string, JsonObject> _payments = new();
    private readonly ConcurrentDictionary<string, JsonObject> _refundsByKey = new();
    private readonly Lock _refundGate = new();
    private StandInServer _server = null!;

    public string BaseUrl => _server.BaseUrl;

    /// <summary>Orders created so far.</summary>
    public int OrderCount => _orders.Count;

    /// <summary>Refunds created so far (an idempotent retry creates none).</summary>
    public IReadOnlyList<JsonObject> Refunds => [.. _refundsByKey.Values];

    /// <summary>When set, every API call answers 503 (Razorpay down).</summary>
    public bool Down { get; set; }

    public static async Task<RazorpayStandIn> StartAsync()
    {
        var standIn = new RazorpayStandIn();
        standIn._server = await StandInServer.StartAsync(app =>
        {
            app.MapPost("/v1/orders", (Func<HttpContext, Task<IResult>>)standIn.CreateOrderAsync);
            app.MapGet("/v1/orders/{id}", (string id, HttpContext http) => standIn.Authorized(http) ?? Found(standIn._orders, id));
            app.MapGet("/v1/payments/{id}", (string id, HttpContext http) => standIn.Authorized(http) ?? Found(standIn._payments, id));
            app.MapPost("/v1/payments/{id}/refund", standIn.RefundAsync);
        });
        return standIn;
    }

    public JsonObject Order(string orderId) => _orders[orderId];

    /// <summary>The customer pays the order in Checkout: the payment is captured (auto-capture on).</summary>
    public CheckoutResult Capture(string orderId, long fee = 0)
    {
        var order = _orders[orderId];
        var payment = NewPayment(order, "captured", fee);
        order["status"] = "paid";
        order["amount_paid"] = order["amount"]!.GetValue<long>();
        order["amount_due"] = 0;
        var signature = Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(KeySecret), Encoding.UTF8.GetBytes($"{orderId}|{payment["id"]}")));
        return new CheckoutResult(payment["id"]!.GetValue<string>(), signature, Webhook("payment.captured", new JsonObject { ["payment"] = Wrap(payment) }));
    }

    /// <summary>The customer's attempt fails (the order stays open for another attempt).</summary>
    public SignedWebhook Fail(string orderId)
    {
        var payment = NewPayment(_orders[orderId], "failed", 0);
        payment["error_code"] = "BAD_REQUEST_ERROR";
        payment["error_description"] = "Payment failed because the card was declined.";
        return Webhook("payment.failed", new JsonObject { ["payment"] = Wrap(payment) });
    }

    /// <summary>Razorpay finishing a refund: <c>refund.processed</c>.</summary>
    public SignedWebhook RefundProcessed(string refundId)
    {
        var refund = _refundsByKey.Values.Single(r => r["id"]!.GetValue<string>() == refundId);
        var payment = _payments[refund["payment_id"]!.GetValue<string>()];
        return Webhook("refund.processed", new JsonObject { ["refund"] = Wrap(refund), ["payment"] = Wrap(payment) });
    }

    /// <summary>A webhook as Razorpay signs it: hex HMAC-SHA256 of the raw body under the webhook secret.</summary>
    public static SignedWebhook Webhook(string eventName, JsonObject payload, string? eventId = null)
    {
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["entity"] = "event",
            ["account_id"] = "acc_StandIn00000001",
            ["event"] = eventName,
            ["contains"] = new JsonArray([.. payload.Select(p => (JsonNode)JsonValue.Create(p.Key))]),
            ["payload"] = payload,
            ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        }.ToJsonString());
        return new SignedWebhook(body, new Dictionary<string, string>
        {
            [RazorpayProvider.SignatureHeader] = Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body)),
            [RazorpayProvider.EventIdHeader] = eventId ?? Id("evt"),
        });
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<IResult> CreateOrderAsync(HttpContext http)
    {
        if (Authorized(http) is { } refused)
        {
            return refused;
        }

        var request = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        var amount = request["amount"]?.GetValue<long>() ?? 0;
        if (amount < 100)
        {
            return Error(400, "BAD_REQUEST_ERROR", "The amount must be atleast INR 1.00");
        }

        var order = new JsonObject
        {
            ["id"] = Id("order"), ["entity"] = "order", ["amount"] = amount, ["amount_paid"] = 0, ["amount_due"] = amount,
            ["currency"] = request["currency"]?.GetValue<string>() ?? "INR", ["receipt"] = request["receipt"]?.GetValue<string>(), ["offer_id"] = null,
            ["status"] = "created", ["attempts"] = 0, ["notes"] = request["notes"]?.DeepClone() ?? new JsonArray(), ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        _orders[order["id"]!.GetValue<string>()] = order;
        return Results.Json(order);
    }

    private async Task<IResult> RefundAsync(string id, HttpContext http)
    {
        if (Authorized(http) is { } refused)
        {
            return refused;
        }

        if (!_payments.TryGetValue(id, out var payment))
        {
            return Error(400, "BAD_REQUEST_ERROR", "The id provided does not exist");
        }

        var request = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        var key = http.Request.Headers["X-Refund-Idempotency"].ToString();
        lock (_refundGate)
        {
            if (key.Length > 0 && _refundsByKey.TryGetValue(key, out var earlier))
            {
                return Results.Json(earlier);
            }

            var amount = request["amount"]?.GetValue<long>() ?? payment["amount"]!.GetValue<long>();
            var refunded = payment["amount_refunded"]!.GetValue<long>();
            if (amount > payment["amount"]!.GetValue<long>() - refunded)
            {
                return Error(400, "BAD_REQUEST_ERROR", "The refund amount provided is greater than amount captured");
            }

            payment["amount_refunded"] = refunded + amount;
            payment["refund_status"] = refunded + amount == payment["amount"]!.GetValue<long>() ? "full" : "partial";
            var refund = new JsonObject
            {
                ["id"] = Id("rfnd"), ["entity"] = "refund", ["amount"] = amount, ["currency"] = payment["currency"]!.GetValue<string>(),
                ["payment_id"] = id, ["notes"] = request["notes"]?.DeepClone() ?? new JsonArray(), ["receipt"] = request["receipt"]?.GetValue<string>(),
                ["acquirer_data"] = new JsonObject(), ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["batch_id"] = null,
                ["status"] = "pending", ["speed_processed"] = "normal", ["speed_requested"] = "normal",
            };
            _refundsByKey[key.Length > 0 ? key : refund["id"]!.GetValue<string>()] = refund;
            return Results.Json(refund);
        }
    }

    private JsonObject NewPayment(JsonObject order, string status, long fee)
    {
        var payment = new JsonObject
        {
            ["id"] = Id("pay"), ["entity"] = "payment", ["amount"] = order["amount"]!.GetValue<long>(), ["currency"] = order["currency"]!.GetValue<string>(),
            ["status"] = status, ["order_id"] = order["id"]!.GetValue<string>(), ["invoice_id"] = null, ["international"] = false, ["method"] = "upi",
            ["amount_refunded"] = 0L, ["refund_status"] = null, ["captured"] = status == "captured", ["description"] = "Gurukul session",
            ["card_id"] = null, ["bank"] = null, ["wallet"] = null, ["vpa"] = "success@razorpay", ["email"] = "student@example.com", ["contact"] = "+919000090000",
            // Checkout was opened without notes: Razorpay then sends an empty array, not an object.
            ["notes"] = new JsonArray(), ["fee"] = status == "captured" ? fee : null, ["tax"] = status == "captured" ? fee * 18 / 118 : null,
            ["error_code"] = null, ["error_description"] = null, ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        _payments[payment["id"]!.GetValue<string>()] = payment;
        order["attempts"] = order["attempts"]!.GetValue<int>() + 1;
        return payment;
    }

    private IResult? Authorized(HttpContext http)
    {
        if (Down)
        {
            return Results.StatusCode(503);
        }

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{KeyId}:{KeySecret}"));
        return http.Request.Headers.Authorization.ToString() == expected ? null : Error(401, "BAD_REQUEST_ERROR", "Authentication failed");
    }

    private static IResult Found(ConcurrentDictionary<string, JsonObject> entities, string id) =>
        entities.TryGetValue(id, out var entity) ? Results.Json(entity) : Error(400, "BAD_REQUEST_ERROR", "The id provided does not exist");

    private static IResult Error(int status, string code, string description) => Results.Json(
        new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["description"] = description, ["source"] = "business", ["step"] = "payment_initiation", ["reason"] = "input_validation_failed", ["metadata"] = new JsonObject() } },
        statusCode: status);

    private static JsonObject Wrap(JsonObject entity) => new() { ["entity"] = entity.DeepClone() };

    private static string Id(string prefix) => $"{prefix}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace("+", "A", StringComparison.Ordinal).Replace("/", "B", StringComparison.Ordinal)[..14]}";

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

/// <summary>What Razorpay Checkout hands back after a payment (the handler's fields), and the webhook Razorpay sends.</summary>
public sealed record CheckoutResult(string PaymentId, string Signature, SignedWebhook Webhook);
