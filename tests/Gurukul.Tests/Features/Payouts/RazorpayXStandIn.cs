using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gurukul.Features.Payments.Providers;
using Gurukul.Features.Payouts.Providers;
using Gurukul.Tests.Features.Payments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gurukul.Tests.Features.Payouts;

/// <summary>
/// RazorpayX Payouts as its documentation describes it, for the parts Gurukul uses: Basic authentication with key id and secret,
/// <c>POST /v1/contacts</c>, <c>POST /v1/fund_accounts</c> (<c>vpa</c> or <c>bank_account</c>), <c>POST /v1/payouts</c> from the
/// business account, which requires <c>X-Payout-Idempotency</c> and answers the first payout again for a repeated key; snake_case
/// JSON, errors as <c>{ error: { code, description } }</c>. A new payout is <c>processing</c>; what the banks do next is played by
/// <see cref="Process"/>, <see cref="Fail"/> and <see cref="Reverse"/>, which return the webhook RazorpayX sends: signed with
/// <c>X-Razorpay-Signature</c> (hex HMAC-SHA256 of the raw body) and carrying <c>X-Razorpay-Event-Id</c>.
/// </summary>
public sealed class RazorpayXStandIn : IAsyncDisposable
{
    public const string KeyId = "rzp_test_PayoutsStandIn1";
    public const string KeySecret = "payouts-stand-in-key-secret";
    public const string WebhookSecret = "payouts-stand-in-webhook-secret";
    public const string BusinessAccount = "7878780080316316";

    private readonly ConcurrentDictionary<string, JsonObject> _contacts = new();
    private readonly ConcurrentDictionary<string, JsonObject> _fundAccounts = new();
    private readonly ConcurrentDictionary<string, JsonObject> _payoutsByKey = new();
    private readonly ConcurrentQueue<JsonObject> _payoutsInOrder = new();
    private readonly Lock _payoutGate = new();
    private StandInServer _server = null!;

    public string BaseUrl => _server.BaseUrl;

    public IReadOnlyList<JsonObject> Contacts => [.. _contacts.Values];

    public IReadOnlyList<JsonObject> FundAccounts => [.. _fundAccounts.Values];

    /// <summary>Payouts created (a repeated idempotency key creates none).</summary>
    public IReadOnlyList<JsonObject> Payouts => [.. _payoutsInOrder];

    /// <summary>When set, every API call answers 503.</summary>
    public bool Down { get; set; }

    public static async Task<RazorpayXStandIn> StartAsync()
    {
        var standIn = new RazorpayXStandIn();
        standIn._server = await StandInServer.StartAsync(app =>
        {
            app.MapPost("/v1/contacts", (Func<HttpContext, Task<IResult>>)standIn.CreateContactAsync);
            app.MapPost("/v1/fund_accounts", (Func<HttpContext, Task<IResult>>)standIn.CreateFundAccountAsync);
            app.MapPost("/v1/payouts", (Func<HttpContext, Task<IResult>>)standIn.CreatePayoutAsync);
        });
        return standIn;
    }

    /// <summary>The payouts sent for one Gurukul payout (its id in the notes), oldest first.</summary>
    public IReadOnlyList<JsonObject> PayoutsFor(string gurukulPayoutId) =>
        [.. Payouts.Where(p => p["notes"]![RazorpayXPayouts.PayoutNote]?.GetValue<string>() == gurukulPayoutId)];

    /// <summary>The bank credited the beneficiary: <c>payout.processed</c> with the UTR.</summary>
    public SignedWebhook Process(string payoutId) => Change(payoutId, "processed", "payout.processed", p =>
        p["utr"] = "UTR" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999));

    /// <summary>The beneficiary bank refused it: <c>payout.failed</c> with the status details RazorpayX gives.</summary>
    public SignedWebhook Fail(string payoutId) => Change(payoutId, "failed", "payout.failed", p =>
    {
        p["failure_reason"] = "Beneficiary bank is offline";
        p["status_details"] = new JsonObject
        {
            ["description"] = "Beneficiary bank is offline. Please retry after some time.", ["source"] = "beneficiary_bank", ["reason"] = "beneficiary_bank_offline",
        };
    });

    /// <summary>Money that had arrived came back (a closed account): <c>payout.reversed</c>.</summary>
    public SignedWebhook Reverse(string payoutId) => Change(payoutId, "reversed", "payout.reversed", p =>
    {
        p["failure_reason"] = "Beneficiary account is closed";
        p["status_details"] = new JsonObject
        {
            ["description"] = "The beneficiary account is closed. Please use another account.", ["source"] = "beneficiary_bank", ["reason"] = "beneficiary_account_closed",
        };
    });

    /// <summary>A webhook as RazorpayX signs it: hex HMAC-SHA256 of the raw body under the webhook secret.</summary>
    public static SignedWebhook Webhook(string eventName, JsonObject payout, string? eventId = null, string secret = WebhookSecret)
    {
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["entity"] = "event", ["account_id"] = "acc_StandInX0000001", ["event"] = eventName, ["contains"] = new JsonArray("payout"),
            ["payload"] = new JsonObject { ["payout"] = new JsonObject { ["entity"] = payout.DeepClone() } },
            ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        }.ToJsonString());
        return new SignedWebhook(body, new Dictionary<string, string>
        {
            [RazorpayXPayouts.SignatureHeader] = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)),
            ["X-Razorpay-Event-Id"] = eventId ?? Id("evt"),
        });
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private SignedWebhook Change(string payoutId, string status, string eventName, Action<JsonObject> change)
    {
        var payout = Payouts.Single(p => p["id"]!.GetValue<string>() == payoutId);
        lock (_payoutGate)
        {
            payout["status"] = status;
            change(payout);
            return Webhook(eventName, payout);
        }
    }

    private async Task<IResult> CreateContactAsync(HttpContext http)
    {
        if (Authorized(http) is { } refused)
        {
            return refused;
        }

        var request = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        if (string.IsNullOrWhiteSpace(request["name"]?.GetValue<string>()))
        {
            return Error(400, "The name field is required.");
        }

        var contact = new JsonObject
        {
            ["id"] = Id("cont"), ["entity"] = "contact", ["name"] = request["name"]!.GetValue<string>(), ["contact"] = request["contact"]?.GetValue<string>(),
            ["email"] = request["email"]?.GetValue<string>(), ["type"] = request["type"]?.GetValue<string>(), ["reference_id"] = request["reference_id"]?.GetValue<string>(),
            ["batch_id"] = null, ["active"] = true, ["notes"] = request["notes"]?.DeepClone() ?? new JsonArray(), ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        _contacts[contact["id"]!.GetValue<string>()] = contact;
        return Results.Json(contact, statusCode: 201);
    }

    private async Task<IResult> CreateFundAccountAsync(HttpContext http)
    {
        if (Authorized(http) is { } refused)
        {
            return refused;
        }

        var request = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        var contactId = request["contact_id"]?.GetValue<string>() ?? "";
        if (!_contacts.ContainsKey(contactId))
        {
            return Error(400, "The id provided does not exist");
        }

        var type = request["account_type"]?.GetValue<string>();
        var account = new JsonObject
        {
            ["id"] = Id("fa"), ["entity"] = "fund_account", ["contact_id"] = contactId, ["account_type"] = type, ["batch_id"] = null, ["active"] = true,
            ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        var address = request["vpa"]?["address"]?.GetValue<string>();
        var bank = request["bank_account"] as JsonObject;
        if (type == "vpa" && address is not null)
        {
            account["vpa"] = new JsonObject { ["username"] = address.Split('@')[0], ["handle"] = address.Split('@')[1], ["address"] = address };
        }
        else if (type == "bank_account" && bank?["ifsc"] is not null && bank["account_number"] is not null && bank["name"] is not null)
        {
            account["bank_account"] = new JsonObject
            {
                ["ifsc"] = bank["ifsc"]!.GetValue<string>(), ["bank_name"] = "HDFC Bank", ["name"] = bank["name"]!.GetValue<string>(), ["notes"] = new JsonArray(),
                ["account_number"] = bank["account_number"]!.GetValue<string>(),
            };
        }
        else
        {
            return Error(400, "The account type field is invalid or its details are missing.");
        }

        _fundAccounts[account["id"]!.GetValue<string>()] = account;
        return Results.Json(account, statusCode: 201);
    }

    private async Task<IResult> CreatePayoutAsync(HttpContext http)
    {
        if (Authorized(http) is { } refused)
        {
            return refused;
        }

        var key = http.Request.Headers["X-Payout-Idempotency"].ToString();
        if (key.Length is < 4 or > 36)
        {
            return Error(400, "X-Payout-Idempotency header is mandatory and must be 4 to 36 characters long.");
        }

        var request = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        lock (_payoutGate)
        {
            if (_payoutsByKey.TryGetValue(key, out var earlier))
            {
                return Results.Json(earlier);
            }

            var amount = request["amount"]?.GetValue<long>() ?? 0;
            var fundAccountId = request["fund_account_id"]?.GetValue<string>() ?? "";
            if (request["account_number"]?.GetValue<string>() != BusinessAccount)
            {
                return Error(400, "The account number is invalid.");
            }

            if (!_fundAccounts.ContainsKey(fundAccountId) || amount < 100 || request["mode"]?.GetValue<string>() is not ("UPI" or "IMPS" or "NEFT" or "RTGS"))
            {
                return Error(400, "The fund account, amount (at least 100 paise) or mode is invalid.");
            }

            var payout = new JsonObject
            {
                ["id"] = Id("pout"), ["entity"] = "payout", ["fund_account_id"] = fundAccountId, ["amount"] = amount,
                ["currency"] = request["currency"]?.GetValue<string>() ?? "INR", ["notes"] = request["notes"]?.DeepClone() ?? new JsonArray(), ["fees"] = 0, ["tax"] = 0,
                ["status"] = "processing", ["purpose"] = request["purpose"]?.GetValue<string>(), ["utr"] = null, ["mode"] = request["mode"]!.GetValue<string>(),
                ["reference_id"] = request["reference_id"]?.GetValue<string>(), ["narration"] = request["narration"]?.GetValue<string>(), ["batch_id"] = null,
                ["failure_reason"] = null, ["status_details"] = new JsonObject { ["description"] = null, ["source"] = null, ["reason"] = null },
                ["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            };
            _payoutsByKey[key] = payout;
            _payoutsInOrder.Enqueue(payout);
            return Results.Json(payout);
        }
    }

    private IResult? Authorized(HttpContext http)
    {
        if (Down)
        {
            return Results.StatusCode(503);
        }

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{KeyId}:{KeySecret}"));
        return http.Request.Headers.Authorization.ToString() == expected ? null : Error(401, "Authentication failed");
    }

    private static IResult Error(int status, string description) => Results.Json(
        new JsonObject { ["error"] = new JsonObject { ["code"] = "BAD_REQUEST_ERROR", ["description"] = description, ["source"] = "business", ["reason"] = "input_validation_failed", ["metadata"] = new JsonObject() } },
        statusCode: status);

    private static string Id(string prefix) => $"{prefix}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(7))}";
}
