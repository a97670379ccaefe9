using Gurukul.Features.Payments.Providers;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Payments;

/// <summary>
/// The student's side of a checkout that happens on Gurukul's own page: the sandbox's "Pay" and "Fail", and Razorpay Checkout's
/// signed return. Both end in the same event pipeline as the providers' webhooks.
/// </summary>
public sealed partial class ProviderCheckouts(
    GurukulDbContext db, PaymentProviderRegistry providers, PaymentEvents events, IClock clock, IStringLocalizer<Strings> text, ILogger<ProviderCheckouts> logger)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>The payer's own payment; 404 for anyone else, as for an unknown id.</summary>
    public async Task<Payment> PayersAsync(string payerId, string paymentId, CancellationToken cancellationToken) =>
        Guid.TryParse(paymentId, out var id) && await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.PayerId == payerId, cancellationToken) is { } payment
            ? payment
            : throw new NotFoundException(text["payments.not_found"]);

    /// <summary>
    /// API.md <c>POST /api/v1/payments/{paymentId}/sandbox</c>: plays the student finishing the sandbox checkout, by a signed webhook
    /// through the same pipeline as every provider. 404 unless the sandbox is the active provider and the payment is the caller's
    /// sandbox payment; 400 naming <c>outcome</c>; 409 once the checkout is paid or has closed.
    /// </summary>
    public async Task<PaymentView> PlaySandboxAsync(string payerId, string paymentId, string? outcome, CancellationToken cancellationToken)
    {
        if (!providers.SandboxIsActive)
        {
            throw new NotFoundException(text["payments.not_found"]);
        }

        var payment = await PayersAsync(payerId, paymentId, cancellationToken);
        if (payment.Provider != PaymentProviders.Sandbox)
        {
            throw new NotFoundException(text["payments.not_found"]);
        }

        var succeeded = outcome?.Trim().ToLowerInvariant() switch
        {
            Succeeded => true,
            Failed => false,
            _ => throw new ValidationException("outcome", text["payments.outcome"]),
        };
        if (payment.IsPaid || payment.Status == PaymentStatus.Expired || clock.GetCurrentInstant() >= payment.ExpiresAt)
        {
            throw new ConflictException(text[payment.IsPaid ? "payments.already_paid" : "payments.checkout_closed"]);
        }

        var webhook = ((SandboxProvider)providers.For(PaymentProviders.Sandbox)).Webhook(payment, succeeded);
        await events.ReceiveAsync(PaymentProviders.Sandbox, new HeaderDictionary(webhook.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value))),
            webhook.Body, cancellationToken);
        return PaymentsService.View(await db.Set<Payment>().AsNoTracking().SingleAsync(p => p.Id == payment.Id, cancellationToken));
    }

    /// <summary>
    /// Razorpay Checkout's return (<c>razorpay_payment_id</c>, <c>razorpay_order_id</c>, <c>razorpay_signature</c>): when the signature
    /// is Razorpay's for this payment's order, the payment is fetched from Razorpay and, if captured, recorded at once (the webhook
    /// that follows then changes nothing). Returns the payment, or null when the fields are not a valid return for it.
    /// </summary>
    public async Task<Payment?> RazorpayReturnAsync(string paymentId, string? orderId, string? providerPaymentId, string? signature, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(paymentId, out var id) || providers.Find(PaymentProviders.Razorpay) is not RazorpayProvider razorpay
            || await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.Provider == PaymentProviders.Razorpay, cancellationToken) is not { } payment
            || orderId != payment.ProviderOrderId || string.IsNullOrEmpty(providerPaymentId) || !razorpay.IsCheckoutSigned(orderId!, providerPaymentId, signature))
        {
            return null;
        }

        RazorpayPayment fetched;
        try
        {
            fetched = await razorpay.FetchPaymentAsync(providerPaymentId, cancellationToken);
        }
        catch (PaymentProviderException exception)
        {
            // The webhook will still record it; the student sees the payment as pending meanwhile.
            LogFetchFailed(logger, exception, payment.Id);
            return payment;
        }

        if (fetched.Status == "captured" && fetched.OrderId == payment.ProviderOrderId)
        {
            await events.HandleAsync(PaymentProviders.Razorpay, new ProviderEvent(
                $"checkout-return:{fetched.Id}", "checkout.return", ProviderEventKind.PaymentSucceeded, payment.Id, fetched.OrderId, fetched.Id,
                fetched.Amount, fetched.Currency, fetched.Fee ?? 0), cancellationToken);
        }

        return payment;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch Razorpay's payment for {PaymentId} after a signed checkout return")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception, Guid paymentId);
}
