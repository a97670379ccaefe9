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
    CheckoutRateLimiter limiter, IWalletCredits wallet, IEnumerable<IReleaseListener> releaseListeners, IServiceProvider services, IClock clock,
    IStringLocalizer<Strings> text, ILogger<PaymentsService> logger)
{
    /// <summary>How long after a checkout's end an unpaid payment is closed (a provider may still be finishing it).</summary>
    public static readonly Duration ExpiryGrace = Duration.FromMinutes(5);

    /// <summary>The provider name of a purchase paid entirely with wallet credit: no provider is asked (docs/adr/0031).</summary>
    public const string WalletProvider = "wallet";

    /// <summary>The refund key of the credit part of a refund: <c>{key}#credits</c>.</summary>
    public const string CreditsKeySuffix = "#credits";

    /// <summary>A late capture whose wallet credit had gone back to the wallet is refunded under this key.</summary>
    public const string CreditsReturnedRefundKey = "credits-returned";

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
        var credits = purchase.UseCredits ? CreditsFor(quote.Total.AmountMinor, await wallet.AvailableAsync(purchase.PayerUserId, quote.Total.Currency, cancellationToken)) : 0;
        var cash = new Money(quote.Total.AmountMinor - credits, quote.Total.Currency);
        var paymentId = Guid.CreateVersion7();
        var checkout = cash.AmountMinor == 0
            ? new ProviderCheckout($"wallet_{paymentId:N}", null)
            : await OpenProviderCheckoutAsync(purchase, paymentId, cash, cancellationToken);
        var payment = await db.InTransactionAsync(async () =>
        {
            var creditsExpireAt = credits == 0 ? (Instant?)null
                : await wallet.SetAsideAsync(purchase.PayerUserId, purchase.Price with { AmountMinor = credits }, $"credits-reserve:{paymentId}", now, cancellationToken)
                  ?? throw new ConflictException(text["wallet.changed"]);
            var payment = new Payment
            {
                Id = paymentId, PurchaseKind = purchase.Kind, PurchaseId = purchase.PurchaseId, PayerId = purchase.PayerUserId, PayeeId = purchase.PayeeUserId,
                Description = purchase.Description, ListPrice = purchase.Price, Amount = cash, CouponId = coupon?.Id,
                Provider = cash.AmountMinor == 0 ? WalletProvider : providers.ActiveName, ProviderOrderId = checkout.ProviderOrderId,
                CheckoutUrl = checkout.CheckoutUrl ?? links.Absolute(PaymentLinks.CheckoutPath(paymentId)), ReturnPath = purchase.ReturnPath, CreatedAt = now,
                ExpiresAt = purchase.ExpiresAt, CreditsExpireAt = creditsExpireAt,
            }.WithCredits(credits);
            db.Set<Payment>().Add(payment);
            if (coupon is not null)
            {
                await coupons.ReserveAsync(coupon, payment.Id, cancellationToken);
            }

            jobs.Add(PaymentJobs.ExpireCheckout, new PaymentJobPayload(payment.Id), payment.ExpiresAt + ExpiryGrace);
            await db.SaveChangesAsync(cancellationToken);
            return payment;
        }, cancellationToken);
        if (cash.AmountMinor > 0)
        {
            return View(payment);
        }

        // Credit pays it all: captured at once through the same pipeline as a provider's report (the seller is told, the coupon
        // redeemed, the ledger moves the set-aside credit into escrow). Resolved here: PaymentEvents itself depends on this service.
        await services.GetRequiredService<PaymentEvents>().HandleAsync(WalletProvider, new ProviderEvent(
            $"wallet:{payment.Id}", "wallet.paid", ProviderEventKind.PaymentSucceeded, payment.Id, payment.ProviderOrderId, null, 0, cash.Currency), cancellationToken);
        return View(await db.Set<Payment>().AsNoTracking().SingleAsync(p => p.Id == payment.Id, cancellationToken));
    }

    /// <summary>
    /// How much of <paramref name="totalMinor"/> credit pays: all it can, but never leaving the provider less than it can charge
    /// (₹1): then the provider gets ₹1 and credit the rest.
    /// </summary>
    public static long CreditsFor(long totalMinor, long availableMinor)
    {
        var credits = Math.Min(totalMinor, Math.Max(0, availableMinor));
        var rest = totalMinor - credits;
        return rest is > 0 and < Coupon.MinimumChargeMinor ? Math.Max(0, totalMinor - Coupon.MinimumChargeMinor) : credits;
    }

    private async Task<ProviderCheckout> OpenProviderCheckoutAsync(Purchase purchase, Guid paymentId, Money cash, CancellationToken cancellationToken)
    {
        var provider = providers.Active;
        var payerEmail = await db.Users.Where(u => u.Id == purchase.PayerUserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        try
        {
            return await provider.CreateCheckoutAsync(new CheckoutRequest(
                paymentId, cash, purchase.Description, purchase.ExpiresAt, links.Absolute(purchase.ReturnPath), links.Absolute(purchase.ReturnPath), payerEmail),
                cancellationToken);
        }
        catch (PaymentProviderException exception)
        {
            LogProviderFailed(logger, exception, provider.Name);
            throw new ServiceUnavailableException(text["payments.provider_unavailable"], TimeSpan.FromSeconds(30));
        }
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
                await PostReleaseAsync(payment, split, cancellationToken);
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

        await PostReleaseAsync(payment, split, cancellationToken);
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

        var creditsKey = key + CreditsKeySuffix;
        var earlier = await db.Set<PaymentRefund>().Where(r => r.PaymentId == payment.Id && (r.Key == key || r.Key == creditsKey)).OrderBy(r => r.ToCredits).ToListAsync(cancellationToken);
        if (earlier.Count > 0)
        {
            return earlier.Sum(r => r.AmountMinor) == amount.AmountMinor ? RefundView(earlier) : throw new ConflictException(text["payments.refund_key_reused"]);
        }

        if (amount.AmountMinor <= 0 || amount.AmountMinor > payment.RefundableMinor)
        {
            throw new ConflictException(text["payments.refund_too_much", payment.RefundableMinor]);
        }

        // What was paid with credit goes back as credit, in proportion, within what is left of each part.
        var creditsLeft = payment.CreditsMinor - payment.RefundedCreditsMinor;
        var credits = Math.Clamp(Payment.Proportion(amount.AmountMinor, payment.CreditsMinor, payment.TotalMinor),
            Math.Max(0, amount.AmountMinor - payment.RefundableCashMinor), creditsLeft);
        var now = clock.GetCurrentInstant();
        var parts = new List<PaymentRefund>();
        if (amount.AmountMinor - credits > 0)
        {
            parts.Add(Refund(payment, amount.AmountMinor - credits, reason, key, toCredits: false, now));
        }

        if (credits > 0)
        {
            parts.Add(Refund(payment, credits, reason, creditsKey, toCredits: true, now));
        }

        return RefundView(parts);
    }

    /// <summary>
    /// The checkout closed unpaid: the credit set aside for it goes back to the wallet, keeping the expiry of the credit it was.
    /// In the current unit of work.
    /// </summary>
    internal void ReturnCredits(Payment payment, Instant now)
    {
        if (!payment.ReturnCredits())
        {
            return;
        }

        var credits = payment.Money(payment.CreditsMinor);
        var reference = $"credits-return:{payment.Id}";
        ledger.Post(reference, LedgerService.CreditReturnKind, payment.PurchaseId, now,
            LedgerLine.Debit(LedgerAccount.CreditsReserved, credits, payment.PayerId),
            LedgerLine.Credit(LedgerAccount.CreditsLiability, credits, payment.PayerId));
        wallet.PutBack(payment.PayerId, credits, reference, now, payment.CreditsExpireAt ?? now);
    }

    private PaymentRefund Refund(Payment payment, long amountMinor, string reason, string key, bool toCredits, Instant now)
    {
        var split = payment.Refund(amountMinor, toCredits)!;
        var amount = payment.Money(amountMinor);
        var refund = new PaymentRefund
        {
            PaymentId = payment.Id, Key = key, AmountMinor = amountMinor, Currency = amount.Currency, Reason = Truncate(reason, 500), ToCredits = toCredits,
            FromEscrowMinor = split.FromEscrowMinor, FromMentorMinor = split.FromMentorMinor, FromPlatformMinor = split.FromPlatformMinor, CreatedAt = now,
        };
        db.Set<PaymentRefund>().Add(refund);
        var reference = $"refund:{refund.Id}";
        ledger.Post(reference, LedgerService.RefundKind, payment.PurchaseId, now,
            LedgerLine.Debit(LedgerAccount.Escrow, payment.Money(split.FromEscrowMinor), payment.PayeeId),
            LedgerLine.Debit(LedgerAccount.MentorPayable, payment.Money(split.FromMentorMinor), payment.PayeeId),
            LedgerLine.Debit(LedgerAccount.PlatformRevenue, payment.Money(split.FromPlatformMinor)),
            LedgerLine.Credit(toCredits ? LedgerAccount.CreditsLiability : LedgerAccount.Refunds, amount, payment.PayerId));
        if (toCredits)
        {
            // Nothing to ask a provider: the credit is back in the wallet now, lapsing when the credit it was would have.
            refund.Processed(now);
            wallet.PutBack(payment.PayerId, amount, reference, now, payment.CreditsExpireAt ?? now);
        }
        else
        {
            jobs.Add(PaymentJobs.SubmitRefund, new RefundJobPayload(refund.Id));
        }

        return refund;
    }

    private async Task PostReleaseAsync(Payment payment, EscrowSplit split, CancellationToken cancellationToken)
    {
        if (split.MentorMinor + split.PlatformMinor == 0)
        {
            return;
        }

        var at = payment.ReleasedAt!.Value;
        ledger.Post($"release:{payment.Id}", LedgerService.ReleaseKind, payment.PurchaseId, at,
            LedgerLine.Debit(LedgerAccount.Escrow, payment.Money(split.MentorMinor + split.PlatformMinor), payment.PayeeId),
            LedgerLine.Credit(LedgerAccount.MentorPayable, payment.Money(split.MentorMinor), payment.PayeeId),
            LedgerLine.Credit(LedgerAccount.PlatformRevenue, payment.Money(split.PlatformMinor)));
        var released = new PurchaseReleased(payment.PurchaseId, payment.PayerId, payment.PayeeId, payment.Money(payment.RefundableCashMinor), at);
        foreach (var listener in releaseListeners)
        {
            await listener.OnReleasedAsync(released, cancellationToken);
        }
    }

    private async Task<Payment> PaidAsync(string purchaseId, CancellationToken cancellationToken) =>
        await db.Set<Payment>().SingleOrDefaultAsync(p => p.PurchaseId == purchaseId && p.Status == PaymentStatus.Succeeded, cancellationToken)
        ?? throw new ConflictException(text["payments.nothing_paid"]);

    public static PaymentView View(Payment p) => new(
        p.Id.ToString(), p.Provider, p.ApiStatus, p.Amount, p.IsPaid ? null : p.CheckoutUrl, p.IsPaid ? null : p.ExpiresAt,
        p.CreditsMinor > 0 ? p.Money(p.CreditsMinor) : null);

    /// <summary>One refund as the caller sees it, whether it went back through the provider, as credit, or both (the provider's part first).</summary>
    private static RefundView RefundView(List<PaymentRefund> parts) =>
        new(parts[0].Id.ToString(), new Money(parts.Sum(r => r.AmountMinor), parts[0].Currency), parts[0].ApiStatus);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment provider {Provider} failed to open a checkout")]
    private static partial void LogProviderFailed(ILogger logger, Exception exception, string provider);
}
