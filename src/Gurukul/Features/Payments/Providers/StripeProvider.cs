using Microsoft.Extensions.Options;
using NodaTime;
using Stripe;
using Stripe.Checkout;

namespace Gurukul.Features.Payments.Providers;

/// <summary>
/// Stripe through Stripe.net: a hosted Checkout Session per payment, refunds on its PaymentIntent (with Stripe's own
/// <c>Idempotency-Key</c>), and webhooks checked by <see cref="EventUtility.ConstructEvent(string, string, string, long, bool)"/>
/// against <c>Stripe-Signature</c> within its tolerance.
/// </summary>
public sealed class StripeProvider(IStripeClient stripe, IOptions<PaymentOptions> options, IClock clock) : IPaymentProvider
{
    public const string SignatureHeader = "Stripe-Signature";
    public const string PaymentMetadata = "gurukul_payment_id";
    public const string RefundMetadata = "gurukul_refund_id";

    /// <summary>Stripe keeps a Checkout Session open at least this long, however short the hold.</summary>
    public static readonly Duration ShortestSession = Duration.FromMinutes(30);

    public string Name => PaymentProviders.Stripe;

    public async Task<ProviderCheckout> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string> { [PaymentMetadata] = request.PaymentId.ToString() };
        var earliest = clock.GetCurrentInstant() + ShortestSession + Duration.FromMinutes(1);
        var session = await Call(() => new SessionService(stripe).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = request.PaymentId.ToString(),
            CustomerEmail = request.PayerEmail,
            SuccessUrl = request.ReturnUrl,
            CancelUrl = request.CancelUrl,
            ExpiresAt = (request.ExpiresAt > earliest ? request.ExpiresAt : earliest).ToDateTimeUtc(),
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata, Description = request.Description },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = request.Amount.Currency.ToLowerInvariant(),
                        UnitAmount = request.Amount.AmountMinor,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = request.Description },
                    },
                },
            ],
        }, new RequestOptions { IdempotencyKey = $"checkout-{request.PaymentId}" }, cancellationToken));
        return new ProviderCheckout(session.Id, session.Url);
    }

    public async Task<ProviderRefund> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        var refund = await Call(() => new RefundService(stripe).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = request.ProviderPaymentId,
            Amount = request.Amount.AmountMinor,
            Metadata = new Dictionary<string, string> { [RefundMetadata] = request.RefundId.ToString() },
        }, new RequestOptions { IdempotencyKey = $"refund-{request.RefundId}" }, cancellationToken));
        return new ProviderRefund(refund.Id, refund.Status == "succeeded");
    }

    public ProviderEvent? ReadWebhook(IHeaderDictionary headers, byte[] body)
    {
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(System.Text.Encoding.UTF8.GetString(body), headers[SignatureHeader].ToString(),
                options.Value.Stripe.WebhookSecret, (long)options.Value.Stripe.WebhookTolerance.TotalSeconds, throwOnApiVersionMismatch: false);
        }
        catch (StripeException exception)
        {
            throw new WebhookSignatureException(exception.Message);
        }

        return stripeEvent.Data.Object switch
        {
            Session session => stripeEvent.Type switch
            {
                EventTypes.CheckoutSessionCompleted when session.PaymentStatus == "paid" => SessionEvent(ProviderEventKind.PaymentSucceeded, session),
                EventTypes.CheckoutSessionAsyncPaymentSucceeded => SessionEvent(ProviderEventKind.PaymentSucceeded, session),
                EventTypes.CheckoutSessionAsyncPaymentFailed => SessionEvent(ProviderEventKind.PaymentFailed, session) with { FailureReason = "async_payment_failed" },
                EventTypes.CheckoutSessionExpired => SessionEvent(ProviderEventKind.CheckoutExpired, session) with { FailureReason = "checkout_expired" },
                _ => null,
            },
            // A charge's refunds list (when the API version expands it) names the refunds it completed.
            Charge charge when stripeEvent.Type == EventTypes.ChargeRefunded && charge.Refunds?.Data is { Count: > 0 } refunds =>
                RefundEvent(ProviderEventKind.RefundProcessed, refunds.OrderByDescending(r => r.Created).First()),
            Refund refund when stripeEvent.Type is EventTypes.RefundUpdated or EventTypes.RefundCreated && refund.Status == "succeeded" =>
                RefundEvent(ProviderEventKind.RefundProcessed, refund),
            Refund refund when stripeEvent.Type == EventTypes.RefundFailed || refund.Status is "failed" or "canceled" =>
                RefundEvent(ProviderEventKind.RefundFailed, refund),
            _ => null,
        };

        ProviderEvent SessionEvent(ProviderEventKind kind, Session session) => new(
            stripeEvent.Id, stripeEvent.Type, kind, Guid.TryParse(session.ClientReferenceId, out var ours) ? ours : null, session.Id,
            session.PaymentIntentId, session.AmountTotal, session.Currency?.ToUpperInvariant());

        ProviderEvent RefundEvent(ProviderEventKind kind, Refund refund) => new(
            stripeEvent.Id, stripeEvent.Type, kind, null, null, refund.PaymentIntentId, refund.Amount, refund.Currency?.ToUpperInvariant(),
            ProviderRefundId: refund.Id,
            RefundId: refund.Metadata?.TryGetValue(RefundMetadata, out var id) == true && Guid.TryParse(id, out var ours) ? ours : null);
    }

    private static async Task<T> Call<T>(Func<Task<T>> request)
    {
        try
        {
            return await request();
        }
        catch (StripeException exception)
        {
            throw new PaymentProviderException($"Stripe refused: {exception.StripeError?.Type} {exception.StripeError?.Code}: {exception.Message}", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new PaymentProviderException("Stripe did not answer.", exception);
        }
    }
}
