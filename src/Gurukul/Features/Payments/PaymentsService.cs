using Gurukul.Features.Ledger;
using Gurukul.Features.Payments.Coupons;
using Gurukul.Features.Payments.Providers;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Jobs;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Payments;

/// <summary>
/// The use cases other features call to sell something and to move its money (docs/adr/0025-payments.md, "The seam"). Each
/// saves its own changes; when the caller has a transaction open on the same scoped context, they join it, so a booking and
/// its money change together or not at all.
/// </summary>
public sealed partial class PaymentsService(
    GurukulDbContext db, PaymentProviderRegistry providers, CouponsService coupons, LedgerService ledger, JobQueue jobs, PaymentLinks links,
    CheckoutRateLimiter limiter, IClock clock, IStringLocalizer<Strings> text, ILogger<PaymentsService> logger)
{
    /// <summary>How long after a checkout's end an unpaid payment is closed (a provider may still be finishing it).</summary>
    public static readonly Duration ExpiryGrace = Duration.FromMinutes(5);

    /// <summary>What the student will pay for <paramref name="price"/> with <paramref name="couponCode"/>; 400 naming <c>couponCode</c>.</summary>
    public async Task<Quote> QuoteAsync(Money price, string? couponCode, CancellationToken cancellationToken) =>
        (await coupons.QuoteAsync(price, couponCode, cancellationToken)).Quote;

    /// <summary>
    /// Opens a checkout for <paramref name="purchase"/> with the active provider. An open checkout of the same purchase is
    /// returned as it is (a retried request starts nothing new); a paid purchase is 409; a coupon that cannot apply is 400
    /// naming <c>couponCode</c>; too many checkouts by the payer is 429; a provider that does not answer is 503.
    /// </summary>
    public async Task<PaymentView> StartCheckoutAsync(Purchase purchase, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        if (!Money.Currencies.Contains(purchase.Price.Currency) || purchase.Price.AmountMinor < Coupon.MinimumChargeMinor || purchase.ExpiresAt <= now)
        {
            throw new ArgumentException("A purchase needs a supported currency, a price of at least one major unit and a hold that has not ended.", nameof(purchase));
        }

        var earlier = await db.Set<Payment>().Where(p => p.PurchaseId == purchase.PurchaseId).OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken);
        if (earlier.Any(p => p.IsPaid))
        {
            throw new ConflictException(text["payments.already_paid"]);
        }

        if (earlier.FirstOrDefault(p => p.IsOpen(now)) is { } open)
        {
            return View(open);
        }

        if (limiter.TryAcquire(purchase.PayerUserId) is { } retryAfter)
        {
            throw new TooManyRequestsException(text["payments.too_many_checkouts"], retryAfter);
        }

        var (quote, coupon) = await coupons.QuoteAsync(purchase.Price, purchase.CouponCode, cancellationToken);
        var provider = providers.Active;
        var paymentId = Guid.CreateVersion7();
        var payerEmail = await db.Users.Where(u => u.Id == purchase.PayerUserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        ProviderCheckout checkout;
        try
        {
            checkout = await provider.CreateCheckoutAsync(new CheckoutRequest(
                paymentId, quote.Total, purchase.Description, purchase.ExpiresAt, links.Absolute(purchase.ReturnPath), links.Absolute(purchase.ReturnPath), payerEmail),
                cancellationToken);
        }
        catch (PaymentProviderException exception)
        {
            LogProviderFailed(logger, exception, provider.Name);
            throw new ServiceUnavailableException(text["payments.provider_unavailable"], TimeSpan.FromSeconds(30));
        }

        var payment = new Payment
        {
            Id = paymentId, PurchaseKind = purchase.Kind, PurchaseId = purchase.PurchaseId, PayerId = purchase.PayerUserId, PayeeId = purchase.PayeeUserId,
            Description = purchase.Description, ListPrice = purchase.Price, Amount = quote.Total, CouponId = coupon?.Id, Provider = provider.Name,
            ProviderOrderId = checkout.ProviderOrderId, CheckoutUrl = checkout.CheckoutUrl ?? links.Absolute(PaymentLinks.CheckoutPath(paymentId)),
            ReturnPath = purchase.ReturnPath, CreatedAt = now, ExpiresAt = purchase.ExpiresAt,
        };
        return await db.InTransactionAsync(async () =>
        {
            db.Set<Payment>().Add(payment);
            if (coupon is not null)
            {
                await coupons.ReserveAsync(coupon, payment.Id, cancellationToken);
            }

            jobs.Add(PaymentJobs.ExpireCheckout, new PaymentJobPayload(payment.Id), payment.ExpiresAt + ExpiryGrace);
            await db.SaveChangesAsync(cancellationToken);
            return View(payment);
        }, cancellationToken);
    }

    /// <summary>The purchase's paid payment, else its latest, as the seller shows it; null before any checkout.</summary>
    public async Task<PaymentView?> FindForPurchaseAsync(string purchaseId, CancellationToken cancellationToken) =>
        (await FindForPurchasesAsync([purchaseId], cancellationToken)).GetValueOrDefault(purchaseId);

    /// <summary>The same for many purchases at once (a seller's list page), in one query; purchases without a checkout are left out.</summary>
    public async Task<IReadOnlyDictionary<string, PaymentView>> FindForPurchasesAsync(IReadOnlyCollection<string> purchaseIds, CancellationToken cancellationToken) =>
        (await db.Set<Payment>().AsNoTracking().Where(p => purchaseIds.Contains(p.PurchaseId)).ToListAsync(cancellationToken))
            .GroupBy(p => p.PurchaseId)
            .ToDictionary(g => g.Key, g => View(g.OrderByDescending(p => p.IsPaid).ThenByDescending(p => p.CreatedAt).First()));

    /// <summary>
    /// Gives <paramref name="amount"/> of a paid purchase back to the student: out of escrow before release, afterwards out of the
    /// mentor's and platform's shares in proportion. The same <paramref name="key"/> again returns the same refund (a different
    /// amount under it is 409). 409 when nothing was paid or more than what is left is asked; 400 for another currency. The
    /// provider is asked by a job, so an outage delays the money but loses nothing.
    /// </summary>
    public async Task<RefundView> RefundAsync(string purchaseId, Money amount, string reason, string key, CancellationToken cancellationToken) =>
        await db.InTransactionAsync(async () =>
        {
            var payment = await PaidAsync(purchaseId, cancellationToken);
            var refund = await RefundAsync(payment, amount, reason, key, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return refund;
        }, cancellationToken);

    /// <summary>
    /// The session took place (or the student did not come): escrow is released 48 h after <paramref name="completedAt"/> by a
    /// job that runs once on whichever node claims it, unless a dispute is opened first. False when nothing was paid; a repeat
    /// keeps the first time.
    /// </summary>
    public async Task<bool> MarkCompletedAsync(string purchaseId, Instant completedAt, CancellationToken cancellationToken)
    {
        var payment = await db.Set<Payment>().SingleOrDefaultAsync(p => p.PurchaseId == purchaseId && p.Status == PaymentStatus.Succeeded, cancellationToken);
        if (payment is null || !payment.Complete(completedAt))
        {
            return false;
        }

        jobs.Add(PaymentJobs.ReleaseEscrow, new PaymentJobPayload(payment.Id), payment.ReleaseAt);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The student disputed the session: its escrow stays held until <see cref="SettleDisputeAsync"/>. False when nothing is held.</summary>
    public async Task<bool> OpenDisputeAsync(string purchaseId, CancellationToken cancellationToken)
    {
        var payment = await db.Set<Payment>().SingleOrDefaultAsync(p => p.PurchaseId == purchaseId && p.Status == PaymentStatus.Succeeded, cancellationToken);
        if (payment is null || !payment.OpenDispute())
        {
            return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Staff settled a dispute: <paramref name="refund"/> goes back to the student (none when zero), and what is left is released
    /// at once, 70/30. Safe to repeat with the same key.
    /// </summary>
    public async Task<RefundView?> SettleDisputeAsync(string purchaseId, Money refund, string reason, string key, CancellationToken cancellationToken) =>
        await db.InTransactionAsync(async () =>
        {
            var payment = await PaidAsync(purchaseId, cancellationToken);
            var given = refund.AmountMinor > 0 ? await RefundAsync(payment, refund, reason, key, cancellationToken) : null;
            if (payment.Release(clock.GetCurrentInstant(), settlingDispute: true) is { } split)
            {
                PostRelease(payment, split);
            }

            await db.SaveChangesAsync(cancellationToken);
            return given;
        }, cancellationToken);

    /// <summary>The release job: moves the escrow to the mentor (70 %) and the platform (30 %), once.</summary>
    internal async Task ReleaseEscrowAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var payment = await db.Set<Payment>().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment?.ReleaseAt is not { } due || due > now || payment.Release(now, settlingDispute: false) is not { } split)
        {
            return;
        }

        PostRelease(payment, split);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Creates a refund on a paid payment in the current unit of work (not saved): the payment's counters, the ledger, and the
    /// job that asks the provider.
    /// </summary>
    internal async Task<RefundView> RefundAsync(Payment payment, Money amount, string reason, string key, CancellationToken cancellationToken)
    {
        if (amount.Currency != payment.Amount.Currency)
        {
            throw new ValidationException("refund.currency", text["payments.refund_currency", payment.Amount.Currency]);
        }

        var earlier = await db.Set<PaymentRefund>().SingleOrDefaultAsync(r => r.PaymentId == payment.Id && r.Key == key, cancellationToken);
        if (earlier is not null)
        {
            return earlier.AmountMinor == amount.AmountMinor ? RefundView(earlier) : throw new ConflictException(text["payments.refund_key_reused"]);
        }

        var split = payment.Refund(amount.AmountMinor) ?? throw new ConflictException(text["payments.refund_too_much", payment.RefundableMinor]);
        var now = clock.GetCurrentInstant();
        var refund = new PaymentRefund
        {
            PaymentId = payment.Id, Key = key, AmountMinor = amount.AmountMinor, Currency = amount.Currency, Reason = Truncate(reason, 500),
            FromEscrowMinor = split.FromEscrowMinor, FromMentorMinor = split.FromMentorMinor, FromPlatformMinor = split.FromPlatformMinor, CreatedAt = now,
        };
        db.Set<PaymentRefund>().Add(refund);
        ledger.Post($"refund:{refund.Id}", LedgerService.RefundKind, payment.PurchaseId, now,
            LedgerLine.Debit(LedgerAccount.Escrow, payment.Money(split.FromEscrowMinor), payment.PayeeId),
            LedgerLine.Debit(LedgerAccount.MentorPayable, payment.Money(split.FromMentorMinor), payment.PayeeId),
            LedgerLine.Debit(LedgerAccount.PlatformRevenue, payment.Money(split.FromPlatformMinor)),
            LedgerLine.Credit(LedgerAccount.Refunds, amount, payment.PayerId));
        jobs.Add(PaymentJobs.SubmitRefund, new RefundJobPayload(refund.Id));
        return RefundView(refund);
    }

    private void PostRelease(Payment payment, EscrowSplit split)
    {
        if (split.MentorMinor + split.PlatformMinor == 0)
        {
            return;
        }

        ledger.Post($"release:{payment.Id}", LedgerService.ReleaseKind, payment.PurchaseId, payment.ReleasedAt!.Value,
            LedgerLine.Debit(LedgerAccount.Escrow, payment.Money(split.MentorMinor + split.PlatformMinor), payment.PayeeId),
            LedgerLine.Credit(LedgerAccount.MentorPayable, payment.Money(split.MentorMinor), payment.PayeeId),
            LedgerLine.Credit(LedgerAccount.PlatformRevenue, payment.Money(split.PlatformMinor)));
    }

    private async Task<Payment> PaidAsync(string purchaseId, CancellationToken cancellationToken) =>
        await db.Set<Payment>().SingleOrDefaultAsync(p => p.PurchaseId == purchaseId && p.Status == PaymentStatus.Succeeded, cancellationToken)
        ?? throw new ConflictException(text["payments.nothing_paid"]);

    public static PaymentView View(Payment p) => new(
        p.Id.ToString(), p.Provider, p.ApiStatus, p.Amount, p.IsPaid ? null : p.CheckoutUrl, p.IsPaid ? null : p.ExpiresAt);

    private static RefundView RefundView(PaymentRefund r) => new(r.Id.ToString(), new Money(r.AmountMinor, r.Currency), r.ApiStatus);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment provider {Provider} failed to open a checkout")]
    private static partial void LogProviderFailed(ILogger logger, Exception exception, string provider);
}
