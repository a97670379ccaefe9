using System.Text.Json;
using Gurukul.Features.Payments.Providers;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Payouts.Providers;

/// <summary>
/// RazorpayX's REST API, the parts payouts use (no .NET SDK is served here): contacts, fund accounts, payouts. Basic
/// authentication with the key id and secret; JSON with snake_case names; amounts in paise. A payout carries
/// <c>X-Payout-Idempotency</c> (mandatory since 2025), so a retried request returns the first payout.
/// </summary>
public sealed class RazorpayXClient
{
    private readonly HttpClient _http;

    public RazorpayXClient(HttpClient http, IOptions<PayoutOptions> options)
    {
        var x = options.Value.RazorpayX;
        RazorpayHttp.Authenticate(http, x.BaseUrl, x.KeyId, x.KeySecret);
        _http = http;
    }

    public Task<RazorpayXContact> CreateContactAsync(RazorpayXContactRequest contact, CancellationToken cancellationToken) =>
        SendAsync<RazorpayXContact>(RazorpayHttp.Post("v1/contacts", contact), cancellationToken);

    public Task<RazorpayXFundAccount> CreateFundAccountAsync(RazorpayXFundAccountRequest account, CancellationToken cancellationToken) =>
        SendAsync<RazorpayXFundAccount>(RazorpayHttp.Post("v1/fund_accounts", account), cancellationToken);

    public Task<RazorpayXPayout> CreatePayoutAsync(RazorpayXPayoutRequest payout, string idempotencyKey, CancellationToken cancellationToken)
    {
        var request = RazorpayHttp.Post("v1/payouts", payout);
        request.Headers.Add("X-Payout-Idempotency", idempotencyKey);
        return SendAsync<RazorpayXPayout>(request, cancellationToken);
    }

    public static T? Read<T>(byte[] body) => JsonSerializer.Deserialize<T>(body, RazorpayHttp.Json);

    private Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken) =>
        RazorpayHttp.SendAsync<T>(_http, request, "RazorpayX", (message, inner) => new PayoutProviderException(message, inner), cancellationToken);
}

public sealed record RazorpayXContactRequest(string Name, string Email, string Type, string ReferenceId, Dictionary<string, string> Notes);

public sealed record RazorpayXContact(string Id, string Entity, string Name);

public sealed record RazorpayXVpa(string Address);

public sealed record RazorpayXBankAccount(string Name, string Ifsc, string AccountNumber);

public sealed record RazorpayXFundAccountRequest(string ContactId, string AccountType, RazorpayXVpa? Vpa, RazorpayXBankAccount? BankAccount);

public sealed record RazorpayXFundAccount(string Id, string Entity, string ContactId, string AccountType);

public sealed record RazorpayXPayoutRequest(
    string AccountNumber, string FundAccountId, long Amount, string Currency, string Mode, string Purpose, bool QueueIfLowBalance, string ReferenceId,
    string Narration, Dictionary<string, string> Notes);

public sealed record RazorpayXStatusDetails(string? Description, string? Source, string? Reason);

public sealed record RazorpayXPayout(
    string Id, string Entity, string? FundAccountId, long Amount, string Currency, string Status, string? Utr, string? Mode, string? ReferenceId,
    string? FailureReason, RazorpayXStatusDetails? StatusDetails, JsonElement Notes);

/// <summary>A payout webhook: <c>{ entity: "event", event: "payout.processed", payload: { payout: { entity: {…} } }, created_at }</c>.</summary>
public sealed record RazorpayXWebhook(string Entity, string Event, RazorpayXWebhookPayload? Payload, long CreatedAt);

public sealed record RazorpayXWebhookPayload(RazorpayXWrapped? Payout);

public sealed record RazorpayXWrapped(RazorpayXPayout Entity);
