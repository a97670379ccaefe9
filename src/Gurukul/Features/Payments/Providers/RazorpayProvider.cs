using Microsoft.Extensions.Options;

namespace Gurukul.Features.Payments.Providers;

/// <summary>
/// Razorpay (UPI, cards, net banking, wallets): an order per payment, paid in Razorpay Checkout on Gurukul's checkout page.
/// Webhooks are signed with <c>X-Razorpay-Signature</c> = hex HMAC-SHA256 of the raw body under the webhook secret and carry
/// their id in <c>x-razorpay-event-id</c>; the Checkout handler's <c>razorpay_signature</c> is HMAC-SHA256 of
/// <c>order_id|payment_id</c> under the key secret.
/// </summary>
public sealed class RazorpayProvider(RazorpayClient client, IOptions<PaymentOptions> options) : IPaymentProvider
{
    public const string SignatureHeader = "X-Razorpay-Signature";
    public const string EventIdHeader = "x-razorpay-event-id";
    public const string PaymentNote = "gurukul_payment_id";
    public const string RefundNote = "gurukul_refund_id";

    public string Name => PaymentProviders.Razorpay;

    public async Task<ProviderCheckout> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        var order = await client.CreateOrderAsync(new RazorpayOrderRequest(
            request.Amount.AmountMinor, request.Amount.Currency, request.PaymentId.ToString("N"),
            new Dictionary<string, string> { [PaymentNote] = request.PaymentId.ToString() }), cancellationToken);
        return new ProviderCheckout(order.Id, null);
    }

    public async Task<ProviderRefund> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        var refund = await client.RefundAsync(request.ProviderPaymentId, new RazorpayRefundRequest(
            request.Amount.AmountMinor, request.RefundId.ToString("N"), new Dictionary<string, string> { [RefundNote] = request.RefundId.ToString() }),
            request.RefundId.ToString(), cancellationToken);
        return new ProviderRefund(refund.Id, refund.Status == "processed");
    }

    /// <summary>Whether the Checkout handler's fields were signed by Razorpay for this order.</summary>
    public bool IsCheckoutSigned(string orderId, string paymentId, string? signature) =>
        WebhookSignatures.Matches(WebhookSignatures.HmacHex(options.Value.Razorpay.KeySecret, $"{orderId}|{paymentId}"), signature);

    /// <summary>The payment as Razorpay has it now: a signed Checkout return is confirmed by fetching it.</summary>
    public Task<RazorpayPayment> FetchPaymentAsync(string paymentId, CancellationToken cancellationToken) => client.FetchPaymentAsync(paymentId, cancellationToken);

    public ProviderEvent? ReadWebhook(IHeaderDictionary headers, byte[] body)
    {
        if (!WebhookSignatures.Matches(WebhookSignatures.HmacHex(options.Value.Razorpay.WebhookSecret, body), headers[SignatureHeader].ToString()))
        {
            throw new WebhookSignatureException("The Razorpay signature does not match the body.");
        }

        var webhook = RazorpayClient.Read<RazorpayWebhook>(body);
        // Razorpay's id of the delivery's event; without it a replay could not be recognised, so such a webhook is not acted on.
        var eventId = headers[EventIdHeader].ToString();
        if (webhook?.Payload is not { } payload || eventId.Length == 0)
        {
            return null;
        }

        var payment = payload.Payment?.Entity;
        var refund = payload.Refund?.Entity;
        return webhook.Event switch
        {
            "payment.captured" when payment is not null => PaymentEvent(ProviderEventKind.PaymentSucceeded, payment),
            "payment.failed" when payment is not null => PaymentEvent(ProviderEventKind.PaymentFailed, payment) with
            {
                FailureReason = payment.ErrorDescription ?? payment.ErrorCode ?? "failed",
            },
            "refund.processed" when refund is not null => RefundEvent(ProviderEventKind.RefundProcessed, refund),
            "refund.failed" when refund is not null => RefundEvent(ProviderEventKind.RefundFailed, refund),
            _ => null,
        };

        ProviderEvent PaymentEvent(ProviderEventKind kind, RazorpayPayment p) => new(
            eventId, webhook.Event, kind, Guid.TryParse(p.Notes.Note(PaymentNote), out var ours) ? ours : null, p.OrderId, p.Id,
            p.Amount, p.Currency, p.Fee ?? 0);

        ProviderEvent RefundEvent(ProviderEventKind kind, RazorpayRefund r) => new(
            eventId, webhook.Event, kind, null, null, r.PaymentId, r.Amount, r.Currency, ProviderRefundId: r.Id,
            RefundId: Guid.TryParse(r.Notes.Note(RefundNote), out var ours) ? ours : null);
    }

    /// <summary>The checkout page's settings for Razorpay Checkout (the key id is public by design).</summary>
    public RazorpayCheckout Checkout(Payment payment, string callbackUrl, string? prefillEmail) => new(
        options.Value.Razorpay.KeyId, payment.ProviderOrderId!, payment.Amount.AmountMinor, payment.Amount.Currency, options.Value.Razorpay.MerchantName,
        payment.Description, callbackUrl, prefillEmail, options.Value.Razorpay.CheckoutScript.ToString());
}

public sealed record RazorpayCheckout(
    string KeyId, string OrderId, long Amount, string Currency, string MerchantName, string Description, string CallbackUrl, string? Email, string ScriptUrl);
