using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Features.Payments.Providers;

/// <summary>
/// The built-in provider of the embedded default: no account, no money. Its checkout page is Gurukul's own, and its "Pay" and
/// "Fail" buttons reach the payment exactly as a real provider would, through a webhook signed with the sandbox secret
/// (<c>X-Sandbox-Signature</c> = hex HMAC-SHA256 of the raw body) and handled by the same pipeline as Razorpay's and Stripe's.
/// </summary>
public sealed class SandboxProvider(IOptions<PaymentOptions> options, IClock clock) : IPaymentProvider
{
    public const string SignatureHeader = "X-Sandbox-Signature";
    public const string SucceededEvent = "payment.succeeded";
    public const string FailedEvent = "payment.failed";

    // Without a configured secret the sandbox signs only for itself (its webhooks never leave the process), so a random one
    // per process is enough and cannot be guessed from outside.
    private readonly string _secret = options.Value.Sandbox.WebhookSecret is { Length: > 0 } configured
        ? configured
        : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public string Name => PaymentProviders.Sandbox;

    public Task<ProviderCheckout> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderCheckout($"sbx_order_{request.PaymentId:N}", null));

    public Task<ProviderRefund> RefundAsync(RefundRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderRefund($"sbx_refund_{request.RefundId:N}", Processed: true));

    /// <summary>The signed webhook the sandbox sends when the student presses "Pay" or "Fail".</summary>
    public SignedWebhook Webhook(Payment payment, bool succeeded)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new SandboxEvent(
            $"sbx_evt_{Guid.NewGuid():N}", succeeded ? SucceededEvent : FailedEvent, payment.Id, payment.ProviderOrderId,
            succeeded ? $"sbx_pay_{payment.Id:N}" : null, payment.Amount.AmountMinor, payment.Amount.Currency,
            clock.GetCurrentInstant().ToUnixTimeSeconds()), JsonSerializerOptions.Web);
        return new SignedWebhook(body, new Dictionary<string, string> { [SignatureHeader] = WebhookSignatures.HmacHex(_secret, body) });
    }

    public ProviderEvent? ReadWebhook(IHeaderDictionary headers, byte[] body)
    {
        if (!WebhookSignatures.Matches(WebhookSignatures.HmacHex(_secret, body), headers[SignatureHeader].ToString()))
        {
            throw new WebhookSignatureException("The sandbox signature does not match the body.");
        }

        var sent = JsonSerializer.Deserialize<SandboxEvent>(body, JsonSerializerOptions.Web);
        if (sent is null || string.IsNullOrEmpty(sent.Id))
        {
            return null;
        }

        ProviderEventKind? kind = sent.Type switch
        {
            SucceededEvent => ProviderEventKind.PaymentSucceeded,
            FailedEvent => ProviderEventKind.PaymentFailed,
            _ => null,
        };
        return kind is null ? null : new ProviderEvent(sent.Id, sent.Type, kind.Value, sent.PaymentId, sent.OrderId, sent.ProviderPaymentId,
            sent.AmountMinor, sent.Currency, FailureReason: kind == ProviderEventKind.PaymentFailed ? "sandbox_declined" : null);
    }

    private sealed record SandboxEvent(
        string Id, string Type, Guid PaymentId, string? OrderId, string? ProviderPaymentId, long AmountMinor, string Currency, long Created);
}

/// <summary>A webhook ready to deliver: its raw body and the headers that sign it.</summary>
public sealed record SignedWebhook(byte[] Body, IReadOnlyDictionary<string, string> Headers);
