using Gurukul.Platform;
using NodaTime;

namespace Gurukul.Features.Payments.Providers;

/// <summary>
/// The payment port (docs/adr/0025-payments.md): what Gurukul needs from a provider. No card or bank detail ever passes
/// through it; the student pays on the provider's page (or widget) and the provider tells us through a signed webhook.
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }

    /// <summary>Opens a checkout for one payment with the provider; the provider's id for it and, for a hosted page, its URL.</summary>
    Task<ProviderCheckout> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken);

    /// <summary>Asks the provider to give money back, idempotently under <see cref="RefundRequest.RefundId"/>.</summary>
    Task<ProviderRefund> RefundAsync(RefundRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Checks a webhook's signature over its raw body and reads it; throws <see cref="WebhookSignatureException"/> for a bad
    /// or missing signature, returns null for an event Gurukul does not act on.
    /// </summary>
    ProviderEvent? ReadWebhook(IHeaderDictionary headers, byte[] body);
}

/// <summary>
/// A checkout to open. The payment id is ours: it travels in the provider's notes or metadata and comes back in its webhooks.
/// The return and cancel URLs are absolute: where a hosted page sends the student after paying or giving up.
/// </summary>
public sealed record CheckoutRequest(Guid PaymentId, Money Amount, string Description, Instant ExpiresAt, string ReturnUrl, string CancelUrl, string? PayerEmail);

/// <summary>The provider's id of the checkout and its hosted page (Stripe); no page when the student pays on Gurukul's own.</summary>
public sealed record ProviderCheckout(string ProviderOrderId, string? CheckoutUrl);

public sealed record RefundRequest(Guid RefundId, string ProviderPaymentId, Money Amount, string Reason);

/// <summary>The provider's refund id, and whether the money is already on its way (no later webhook needed to call it done).</summary>
public sealed record ProviderRefund(string ProviderRefundId, bool Processed);

public enum ProviderEventKind
{
    PaymentSucceeded,
    PaymentFailed,
    CheckoutExpired,
    RefundProcessed,
    RefundFailed,
}

/// <summary>
/// A webhook as Gurukul understands it, whichever provider sent it: the provider's event id (handled once), its own name for the
/// event (<c>payment.captured</c>), our payment id when the event carries it (notes, metadata, client reference), and the
/// provider's ids that find the payment or refund otherwise.
/// </summary>
public sealed record ProviderEvent(
    string EventId, string Type, ProviderEventKind Kind, Guid? PaymentId, string? ProviderOrderId, string? ProviderPaymentId,
    long? AmountMinor, string? Currency, long FeeMinor = 0, string? ProviderRefundId = null, Guid? RefundId = null, string? FailureReason = null);

/// <summary>The webhook's signature is missing or wrong: 400, and nothing is read from it.</summary>
public sealed class WebhookSignatureException(string message) : Exception(message);

/// <summary>The provider could not be reached or refused the request for reasons of its own (not the student's).</summary>
public sealed class PaymentProviderException(string message, Exception? inner = null) : Exception(message, inner);
