using Gurukul.Features.Ledger;
using Gurukul.Features.Payments.Coupons;
using Gurukul.Features.Payments.Invoices;
using Gurukul.Features.Payments.Providers;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Payments;

/// <summary>
/// What providers tell Gurukul, from a webhook or a confirmed return from checkout: one pipeline for every provider. Each event
/// is handled in one transaction together with the record of its id, so an event is acted on at most once and a replay (or an
/// event about nothing Gurukul knows) changes nothing.
/// </summary>
public sealed partial class PaymentEvents(
    GurukulDbContext db, PaymentProviderRegistry providers, PaymentsService payments, CouponsService coupons, InvoiceNumbers invoices,
    LedgerService ledger, IEnumerable<IPurchaseListener> listeners, IClock clock, IStringLocalizer<Strings> text, ILogger<PaymentEvents> logger)
{
    public const string RejectedRefundKey = "purchase-rejected";
    public const string DuplicateRefundKey = "duplicate-payment";
    public const string CouponGoneRefundKey = "coupon-used-up";

    /// <summary>
    /// A webhook from <paramref name="provider"/>: 404 for a provider Gurukul does not take payments with now, 400 when the
    /// signature does not match the raw body (nothing is read or stored then), otherwise handled once.
    /// </summary>
    public async Task ReceiveAsync(string provider, IHeaderDictionary headers, byte[] body, CancellationToken cancellationToken)
    {
        var adapter = providers.Find(provider) ?? throw new NotFoundException(text["payments.unknown_provider"]);
        ProviderEvent? received;
        try
        {
            received = adapter.ReadWebhook(headers, body);
        }
        catch (WebhookSignatureException exception)
        {
            LogBadSignature(logger, provider, exception.Message);
            throw new ValidationException("signature", text["payments.bad_signature"]);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new ValidationException("body", text["problem.json.detail"]);
        }

        if (received is not null)
        {
            await HandleAsync(adapter.Name, received, cancellationToken);
        }
    }

    /// <summary>Acts on one provider event, once. Retried once when it lost a race with another move on the same payment.</summary>
    public async Task HandleAsync(string provider, ProviderEvent received, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.InTransactionAsync(() => HandleOnceAsync(provider, received, cancellationToken), cancellationToken);
                return;
            }
            catch (DbUpdateException exception) when (attempt < 3 && (exception is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(exception)))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The checkout job: a payment still unpaid after its checkout window closes is expired and its coupon use given back.</summary>
    internal Task ExpireAsync(Guid paymentId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var payment = await db.Set<Payment>().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
            if (payment is not null && payment.Status is PaymentStatus.Pending or PaymentStatus.Failed)
            {
                await coupons.ReleaseAsync(payment.Id, cancellationToken);
                var now = clock.GetCurrentInstant();
                if (payment.Fail(PaymentStatus.Expired, "checkout_expired", now))
                {
                    payments.ReturnCredits(payment, now);
                    await Listener(payment).OnPaymentFailedAsync(Failed(payment), cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            return true;
        }, cancellationToken);

    /// <summary>The refund job: asks the payment's provider to give the money back, under the refund's own id as idempotency key.</summary>
    internal async Task SubmitRefundAsync(Guid refundId, CancellationToken cancellationToken)
    {
        var refund = await db.Set<PaymentRefund>().SingleOrDefaultAsync(r => r.Id == refundId, cancellationToken);
        if (refund is not { Status: RefundStatus.Pending })
        {
            return;
        }

        var payment = await db.Set<Payment>().SingleAsync(p => p.Id == refund.PaymentId, cancellationToken);
        var adapter = providers.Find(payment.Provider) ?? throw new InvalidOperationException($"Refunds need the keys of {payment.Provider} configured.");
        // A provider failure throws: the job is retried with backoff, and the provider's idempotency makes the retry safe.
        var answer = await adapter.RefundAsync(new RefundRequest(refund.Id, payment.ProviderPaymentId!, payment.Money(refund.AmountMinor), refund.Reason), cancellationToken);
        refund.Submitted(answer.ProviderRefundId, answer.Processed, clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<bool> HandleOnceAsync(string provider, ProviderEvent received, CancellationToken cancellationToken)
    {
        var events = db.Set<PaymentWebhookEvent>();
        if (await events.AnyAsync(e => e.Provider == provider && e.EventId == received.EventId, cancellationToken))
        {
            return false;
        }

        var payment = await FindPaymentAsync(provider, received, cancellationToken);
        if (payment is null)
        {
            LogUnknownEvent(logger, provider, received.Type, received.EventId);
            return false;
        }

        var acted = received.Kind switch
        {
            ProviderEventKind.PaymentSucceeded => await CaptureAsync(payment, received, cancellationToken),
            ProviderEventKind.PaymentFailed or ProviderEventKind.CheckoutExpired => await FailAsync(payment, received, cancellationToken),
            _ => await RefundSettledAsync(payment, received, cancellationToken),
        };
        if (acted)
        {
            events.Add(new PaymentWebhookEvent
            {
                Provider = provider, EventId = received.EventId, Type = received.Type, PaymentId = payment.Id, ReceivedAt = clock.GetCurrentInstant(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return acted;
    }

    private async Task<Payment?> FindPaymentAsync(string provider, ProviderEvent received, CancellationToken cancellationToken)
    {
        var mine = db.Set<Payment>().Where(p => p.Provider == provider);
        if (received.RefundId is { } refundId)
        {
            var paymentId = await db.Set<PaymentRefund>().Where(r => r.Id == refundId).Select(r => (Guid?)r.PaymentId).SingleOrDefaultAsync(cancellationToken);
            return paymentId is null ? null : await mine.SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        }

        if (received.PaymentId is { } id)
        {
            return await mine.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        }

        if (received.ProviderOrderId is { } order)
        {
            return await mine.SingleOrDefaultAsync(p => p.ProviderOrderId == order, cancellationToken);
        }

        return received.ProviderPaymentId is { } providerPayment
            ? await mine.SingleOrDefaultAsync(p => p.ProviderPaymentId == providerPayment, cancellationToken)
            : null;
    }

    /// <summary>
    /// Records the capture: the ledger moves the money into escrow, the invoice number is taken, the coupon use is spent, and the
    /// seller is told. If the seller can no longer honour the purchase, if another payment of it already succeeded, or if its
    /// coupon was used up meanwhile, everything is refunded.
    /// </summary>
    private async Task<bool> CaptureAsync(Payment payment, ProviderEvent received, CancellationToken cancellationToken)
    {
        if (received.AmountMinor is { } amount && (amount != payment.Amount.AmountMinor || !string.Equals(received.Currency, payment.Amount.Currency, StringComparison.OrdinalIgnoreCase)))
        {
            LogAmountMismatch(logger, payment.Id, received.EventId);
            return false;
        }

        var now = clock.GetCurrentInstant();
        if (!payment.Capture(received.ProviderPaymentId, received.FeeMinor, await invoices.NextAsync(now, cancellationToken), now))
        {
            return true;
        }

        // A late capture after the checkout closed and its credit went back to the wallet brings in the cash alone.
        var creditsReturned = payment.CreditsReturned;
        if (creditsReturned)
        {
            payment.DropReturnedCredits();
        }

        var captured = payment.Money(payment.TotalMinor);
        ledger.Post($"capture:{payment.Id}", LedgerService.CaptureKind, payment.PurchaseId, now,
            LedgerLine.Debit(LedgerAccount.PaymentsClearing, payment.Amount),
            LedgerLine.Debit(LedgerAccount.CreditsReserved, payment.Money(payment.CreditsMinor), payment.PayerId),
            LedgerLine.Credit(LedgerAccount.Escrow, captured, payment.PayeeId),
            LedgerLine.Debit(LedgerAccount.ProviderFees, payment.Money(payment.FeeMinor)),
            LedgerLine.Credit(LedgerAccount.PaymentsClearing, payment.Money(payment.FeeMinor)));

        var refundKey = creditsReturned ? PaymentsService.CreditsReturnedRefundKey
            : await db.Set<Payment>().AnyAsync(p => p.PurchaseId == payment.PurchaseId && p.Id != payment.Id && p.Status == PaymentStatus.Succeeded, cancellationToken)
            ? DuplicateRefundKey
            : !await coupons.RedeemAsync(payment.Id, cancellationToken) ? CouponGoneRefundKey
            : await Listener(payment).OnPaymentSucceededAsync(
                new PaymentSucceeded(payment.PurchaseKind, payment.PurchaseId, payment.Id.ToString(), captured, now), cancellationToken) == PurchaseDecision.Rejected
                ? RejectedRefundKey
                : null;
        if (refundKey is not null)
        {
            await payments.RefundAsync(payment, captured, refundKey, refundKey, cancellationToken);
        }

        return true;
    }

    private async Task<bool> FailAsync(Payment payment, ProviderEvent received, CancellationToken cancellationToken)
    {
        var status = received.Kind == ProviderEventKind.CheckoutExpired ? PaymentStatus.Expired : PaymentStatus.Failed;
        if (payment.Fail(status, received.FailureReason ?? "failed", clock.GetCurrentInstant()))
        {
            if (status == PaymentStatus.Expired)
            {
                await coupons.ReleaseAsync(payment.Id, cancellationToken);
                payments.ReturnCredits(payment, clock.GetCurrentInstant());
            }

            await Listener(payment).OnPaymentFailedAsync(Failed(payment), cancellationToken);
        }

        return true;
    }

    /// <summary>A provider's word on a refund: done, or refused (then the ledger gives the money back to where it came from).</summary>
    private async Task<bool> RefundSettledAsync(Payment payment, ProviderEvent received, CancellationToken cancellationToken)
    {
        var refund = received.RefundId is { } id
            ? await db.Set<PaymentRefund>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            : await db.Set<PaymentRefund>().SingleOrDefaultAsync(r => r.PaymentId == payment.Id && r.ProviderRefundId == received.ProviderRefundId, cancellationToken);
        if (refund is null)
        {
            return false;
        }

        var now = clock.GetCurrentInstant();
        if (received.Kind == ProviderEventKind.RefundProcessed)
        {
            refund.Processed(now);
        }
        else if (refund.Failed(now))
        {
            payment.RefundFailed(refund.Split);
            ledger.Post($"refund-failed:{refund.Id}", LedgerService.ReversalKind, payment.PurchaseId, now,
                LedgerLine.Credit(LedgerAccount.Escrow, payment.Money(refund.FromEscrowMinor), payment.PayeeId),
                LedgerLine.Credit(LedgerAccount.MentorPayable, payment.Money(refund.FromMentorMinor), payment.PayeeId),
                LedgerLine.Credit(LedgerAccount.PlatformRevenue, payment.Money(refund.FromPlatformMinor)),
                LedgerLine.Debit(LedgerAccount.Refunds, payment.Money(refund.AmountMinor), payment.PayerId));
            LogRefundFailed(logger, refund.Id, payment.Id);
        }

        return true;
    }

    private IPurchaseListener Listener(Payment payment) =>
        listeners.FirstOrDefault(l => l.Kind == payment.PurchaseKind)
        ?? throw new InvalidOperationException($"No purchase listener is registered for '{payment.PurchaseKind}'.");

    private PaymentFailed Failed(Payment payment) =>
        new(payment.PurchaseKind, payment.PurchaseId, payment.Id.ToString(), payment.FailureReason ?? "failed", payment.FailedAt ?? clock.GetCurrentInstant());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a {Provider} webhook: {Reason}")]
    private static partial void LogBadSignature(ILogger logger, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {Provider} event {Type} {EventId}: it names no payment Gurukul knows")]
    private static partial void LogUnknownEvent(ILogger logger, string provider, string type, string eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment {PaymentId}: event {EventId} reports another amount than was charged; not recorded, look at the provider's dashboard")]
    private static partial void LogAmountMismatch(ILogger logger, Guid paymentId, string eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refund {RefundId} of payment {PaymentId} was refused by the provider; the ledger was corrected, staff must settle it by hand")]
    private static partial void LogRefundFailed(ILogger logger, Guid refundId, Guid paymentId);
}
