using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gurukul.Features.Payments.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gurukul.Tests.Features.Payments;

/// <summary>
/// Stripe's API as its reference and OpenAPI description give it, for what Gurukul uses: bearer secret key, form-encoded
/// bodies with bracketed keys (<c>line_items[0][price_data][unit_amount]</c>), <c>Idempotency-Key</c> replays, JSON objects with
/// <c>object</c> names, <c>POST /v1/checkout/sessions</c> and <c>POST /v1/refunds</c>. The customer's side is played by
/// <see cref="Complete"/> and <see cref="Expire"/>, which return the event Stripe would send, signed as Stripe signs it:
/// <c>Stripe-Signature: t=…,v1=</c>hex HMAC-SHA256 of <c>t.payload</c>.
/// </summary>
public sealed class StripeStandIn : IAsyncDisposable
{
    public const string SecretKey = "sk_test_standin_0001";
    public const string WebhookSecret = "whsec_standin_0001";

    private readonly ConcurrentDictionary<string, JsonObject> _sessions = new();
    private readonly ConcurrentDictionary<string, JsonObject> _refunds = new();
    private readonly ConcurrentDictionary<string, string> _idempotent = new();
    private StandInServer _server = null!;

    public string BaseUrl => _server.BaseUrl;

    public IReadOnlyList<JsonObject> Refunds => [.. _refunds.Values];

    public static async Task<StripeStandIn> StartAsync()
    {
        var standIn = new StripeStandIn();
        standIn._server = await StandInServer.StartAsync(app =>
        {
            app.MapPost("/v1/checkout/sessions", (Func<HttpContext, Task<IResult>>)(http => standIn.IdempotentAsync(http, standIn.CreateSession)));
            app.MapPost("/v1/refunds", (Func<HttpContext, Task<IResult>>)(http => standIn.IdempotentAsync(http, standIn.CreateRefund)));
        });
        return standIn;
    }

    public JsonObject Session(string sessionId) => _sessions[sessionId];

    /// <summary>The customer pays on Stripe's page: the session completes with a PaymentIntent.</summary>
    public SignedWebhook Complete(string sessionId)
    {
        var session = _sessions[sessionId];
        session["payment_intent"] = Id("pi");
        session["payment_status"] = "paid";
        session["status"] = "complete";
        return Event("checkout.session.completed", session);
    }

    /// <summary>The session's time runs out unpaid.</summary>
    public SignedWebhook Expire(string sessionId)
    {
        var session = _sessions[sessionId];
        session["status"] = "expired";
        return Event("checkout.session.expired", session);
    }

    /// <summary>A refund's update: <c>refund.updated</c> with its final status.</summary>
    public SignedWebhook RefundUpdated(string refundId, string status)
    {
        var refund = _refunds[refundId];
        refund["status"] = status;
        return Event(status == "failed" ? "refund.failed" : "refund.updated", refund);
    }

    /// <summary>An event as Stripe signs it; <paramref name="signedAt"/> lets a test send a stale one.</summary>
    public static SignedWebhook Event(string type, JsonObject data, DateTimeOffset? signedAt = null)
    {
        var payload = new JsonObject
        {
            ["id"] = Id("evt"), ["object"] = "event", ["api_version"] = Stripe.StripeConfiguration.ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["data"] = new JsonObject { ["object"] = data.DeepClone() }, ["livemode"] = false,
            ["pending_webhooks"] = 1, ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null }, ["type"] = type,
        }.ToJsonString();
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}")));
        return new SignedWebhook(Encoding.UTF8.GetBytes(payload), new Dictionary<string, string> { [StripeProvider.SignatureHeader] = $"t={timestamp},v1={signature}" });
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<IResult> IdempotentAsync(HttpContext http, Func<IFormCollection, (int Status, JsonObject Body)> create)
    {
        if (http.Request.Headers.Authorization.ToString() != $"Bearer {SecretKey}")
        {
            return Error(401, "invalid_request_error", "Invalid API Key provided.");
        }

        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 0 && _idempotent.TryGetValue(key, out var replay))
        {
            return Results.Text(replay, "application/json");
        }

        var (status, body) = create(await http.Request.ReadFormAsync());
        var json = body.ToJsonString();
        if (key.Length > 0 && status == 200)
        {
            _idempotent[key] = json;
        }

        return Results.Text(json, "application/json", statusCode: status);
    }

    private (int, JsonObject) CreateSession(IFormCollection form)
    {
        if (form["mode"] != "payment" || !long.TryParse(form["line_items[0][price_data][unit_amount]"], out var unitAmount))
        {
            return (400, ErrorBody("invalid_request_error", "Missing required param: line_items[0][price_data][unit_amount]."));
        }

        var quantity = long.TryParse(form["line_items[0][quantity]"], out var q) ? q : 1;
        var id = Id("cs_test");
        var session = new JsonObject
        {
            ["id"] = id, ["object"] = "checkout.session", ["amount_subtotal"] = unitAmount * quantity, ["amount_total"] = unitAmount * quantity,
            ["cancel_url"] = form["cancel_url"].ToString(), ["client_reference_id"] = form["client_reference_id"].ToString(),
            ["currency"] = form["line_items[0][price_data][currency]"].ToString(), ["customer_email"] = form["customer_email"].ToString(),
            ["expires_at"] = long.Parse(form["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture), ["livemode"] = false,
            ["metadata"] = Metadata(form, "metadata"), ["mode"] = "payment", ["payment_intent"] = null, ["payment_status"] = "unpaid",
            ["status"] = "open", ["success_url"] = form["success_url"].ToString(), ["url"] = $"https://checkout.stripe.com/c/pay/{id}",
        };
        _sessions[id] = session;
        return (200, session);
    }

    private (int, JsonObject) CreateRefund(IFormCollection form)
    {
        var intent = form["payment_intent"].ToString();
        var session = _sessions.Values.FirstOrDefault(s => s["payment_intent"]?.GetValue<string>() == intent);
        if (session is null)
        {
            return (400, ErrorBody("invalid_request_error", $"No such payment_intent: '{intent}'"));
        }

        var amount = long.TryParse(form["amount"], out var a) ? a : session["amount_total"]!.GetValue<long>();
        var refunded = _refunds.Values.Where(r => r["payment_intent"]!.GetValue<string>() == intent).Sum(r => r["amount"]!.GetValue<long>());
        if (amount > session["amount_total"]!.GetValue<long>() - refunded)
        {
            return (400, ErrorBody("invalid_request_error", $"Refund amount ({amount}) is greater than unrefunded amount on charge."));
        }

        var refund = new JsonObject
        {
            ["id"] = Id("re"), ["object"] = "refund", ["amount"] = amount, ["charge"] = Id("ch"), ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["currency"] = session["currency"]!.GetValue<string>(), ["metadata"] = Metadata(form, "metadata"), ["payment_intent"] = intent,
            ["reason"] = null, ["status"] = "pending",
        };
        _refunds[refund["id"]!.GetValue<string>()] = refund;
        return (200, refund);
    }

    private static JsonObject Metadata(IFormCollection form, string prefix) => new(form
        .Where(f => f.Key.StartsWith(prefix + "[", StringComparison.Ordinal))
        .Select(f => KeyValuePair.Create(f.Key[(prefix.Length + 1)..^1], (JsonNode?)JsonValue.Create(f.Value.ToString()))));

    private static IResult Error(int status, string type, string message) => Results.Json(ErrorBody(type, message), statusCode: status);

    private static JsonObject ErrorBody(string type, string message) => new() { ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };

    private static string Id(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
}
