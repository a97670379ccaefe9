using Gurukul.Features.Payments.Providers;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Payouts.Providers;

/// <summary>
/// RazorpayX Payouts: the mentor becomes a contact with a fund account (a VPA or a bank account) the first time a destination is
/// paid, then each payout attempt is one <c>POST /v1/payouts</c> (UPI to a VPA, IMPS to a bank account, NEFT above IMPS's
/// ₹5 lakh). The outcome comes back by webhook: <c>payout.processed</c> (with the UTR), <c>payout.failed</c>,
/// <c>payout.reversed</c>; signed with <c>X-Razorpay-Signature</c> (hex HMAC-SHA256 of the raw body under the webhook secret),
/// the event's id in <c>x-razorpay-event-id</c>.
/// </summary>
public sealed class RazorpayXPayouts(RazorpayXClient client, IOptions<PayoutOptions> options) : IPayoutProvider
{
    public const string SignatureHeader = "X-Razorpay-Signature";
    public const string EventIdHeader = "x-razorpay-event-id";
    public const string PayoutNote = "gurukul_payout_id";
    public const string AttemptNote = "gurukul_attempt";
    private const long ImpsLimitMinor = 50_000_000;

    public string Name => PayoutProviders.RazorpayX;

    public async Task<PayoutSent> SendAsync(PayoutOrder order, CancellationToken cancellationToken)
    {
        var contactId = order.ContactId;
        var fundAccountId = order.FundAccountId;
        if (contactId is null || fundAccountId is null)
        {
            contactId = (await client.CreateContactAsync(new RazorpayXContactRequest(
                order.MentorName, order.MentorEmail, "vendor", order.MentorId, new Dictionary<string, string> { ["gurukul_user_id"] = order.MentorId }),
                cancellationToken)).Id;
            var destination = order.Destination;
            fundAccountId = (await client.CreateFundAccountAsync(destination.Kind == PayoutMethodKind.Upi
                ? new RazorpayXFundAccountRequest(contactId, "vpa", new RazorpayXVpa(destination.UpiId!), null)
                : new RazorpayXFundAccountRequest(contactId, "bank_account", null, new RazorpayXBankAccount(destination.AccountName!, destination.Ifsc!, destination.AccountNumber!)),
                cancellationToken)).Id;
        }

        var mode = order.Destination.Kind == PayoutMethodKind.Upi ? "UPI" : order.Amount.AmountMinor <= ImpsLimitMinor ? "IMPS" : "NEFT";
        var payout = await client.CreatePayoutAsync(new RazorpayXPayoutRequest(
            options.Value.RazorpayX.AccountNumber, fundAccountId, order.Amount.AmountMinor, order.Amount.Currency, mode, "payout", true,
            order.PayoutId.ToString("N"), "Gurukul earnings",
            new Dictionary<string, string> { [PayoutNote] = order.PayoutId.ToString(), [AttemptNote] = order.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            IdempotencyKey(order.PayoutId, order.Attempt), cancellationToken);
        var (outcome, reason) = Outcome(payout);
        return new PayoutSent(payout.Id, outcome, payout.Utr, reason, contactId, fundAccountId);
    }

    /// <summary>RazorpayX's key for one attempt: 4–36 letters, digits, hyphens, underscores.</summary>
    public static string IdempotencyKey(Guid payoutId, int attempt) => $"{payoutId:N}-{attempt}";

    public PayoutEvent? ReadWebhook(IHeaderDictionary headers, byte[] body)
    {
        if (!WebhookSignatures.Matches(WebhookSignatures.HmacHex(options.Value.RazorpayX.WebhookSecret, body), headers[SignatureHeader].ToString()))
        {
            throw new WebhookSignatureException("The RazorpayX signature does not match the body.");
        }

        var webhook = RazorpayXClient.Read<RazorpayXWebhook>(body);
        var eventId = headers[EventIdHeader].ToString();
        if (webhook?.Payload?.Payout?.Entity is not { } payout || eventId.Length == 0
            || webhook.Event is not ("payout.processed" or "payout.failed" or "payout.reversed"))
        {
            return null;
        }

        var (outcome, reason) = Outcome(payout);
        return new PayoutEvent(eventId, webhook.Event,
            Guid.TryParse(payout.Notes.Note(PayoutNote), out var ours) ? ours : null,
            int.TryParse(payout.Notes.Note(AttemptNote), out var attempt) ? attempt : null,
            payout.Id, webhook.Event == "payout.processed" ? PayoutOutcome.Processed : PayoutOutcome.Failed, payout.Utr,
            outcome == PayoutOutcome.Failed ? reason : null, webhook.Event == "payout.reversed");
    }

    private static (PayoutOutcome Outcome, string? Reason) Outcome(RazorpayXPayout payout) => payout.Status switch
    {
        "processed" => (PayoutOutcome.Processed, null),
        "failed" or "reversed" or "rejected" or "cancelled" =>
            (PayoutOutcome.Failed, payout.StatusDetails?.Description ?? payout.FailureReason ?? $"RazorpayX: {payout.Status}"),
        _ => (PayoutOutcome.Processing, null),
    };
}
