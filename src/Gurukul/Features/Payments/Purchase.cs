using Gurukul.Platform;
using NodaTime;

namespace Gurukul.Features.Payments;

/// <summary>
/// What another feature sells through Payments (docs/adr/0025-payments.md, "The seam"): a booking today, a course later.
/// The purchase id is the seller's own id (the booking id), unique across kinds (use a Guid); Payments never reads the
/// seller's tables, only this.
/// </summary>
/// <param name="PurchaseId">The seller's id of what is bought: the booking id.</param>
/// <param name="Kind">Which <see cref="IPurchaseListener"/> hears about it: <c>booking</c>.</param>
/// <param name="PayerUserId">The student who pays.</param>
/// <param name="PayeeUserId">The mentor whose escrow and earnings it feeds.</param>
/// <param name="Price">The list price; a coupon comes off it.</param>
/// <param name="Description">One line for the provider's page and the invoice: "60-minute session with Asha Rao, 3 Dec".</param>
/// <param name="ExpiresAt">The end of the hold: the checkout page counts down to it.</param>
/// <param name="ReturnPath">A local path the student lands on after paying or failing: <c>/bookings/{id}</c>.</param>
/// <param name="CouponCode">Applied and counted against its limit when the checkout starts (400 naming <c>couponCode</c> when it cannot be).</param>
/// <param name="UseCredits">
/// Pay what the payer's wallet credit covers with it (API.md <c>useCredits</c>; docs/adr/0031): the credit is set aside when the checkout
/// opens and the provider is asked only for the rest. When credit covers all of it, the purchase is paid at once, without a provider:
/// the listener's <see cref="IPurchaseListener.OnPaymentSucceededAsync"/> runs before this call returns, so save the booking first.
/// </param>
public sealed record Purchase(
    string Kind, string PurchaseId, string PayerUserId, string PayeeUserId, Money Price, string Description, Instant ExpiresAt,
    string ReturnPath, string? CouponCode = null, bool UseCredits = false);

/// <summary>A payment as the seller shows it: API.md <c>Booking.payment</c>; <paramref name="Credits"/> is the wallet credit used beside it.</summary>
public sealed record PaymentView(string Id, string Provider, string Status, Money Amount, string? CheckoutUrl, Instant? ExpiresAt, Money? Credits = null);

/// <summary>A price with a coupon applied (or not): what the student will pay.</summary>
public sealed record Quote(Money Price, Money Discount, Money Total, string? CouponCode);

/// <summary>A refund as the caller sees it: how much, and whether the provider has processed it yet.</summary>
public sealed record RefundView(string Id, Money Amount, string Status);

/// <summary>What the seller says when told a purchase was paid.</summary>
public enum PurchaseDecision
{
    /// <summary>The purchase is confirmed: the money stays in escrow.</summary>
    Accepted,

    /// <summary>It can no longer be honoured (the hold lapsed and the slot was taken): Payments refunds everything.</summary>
    Rejected,
}

/// <summary>A payment that succeeded, as told to the seller.</summary>
public sealed record PaymentSucceeded(string Kind, string PurchaseId, string PaymentId, Money Amount, Instant At);

/// <summary>A payment that failed or whose checkout expired unpaid; the student may still pay again while the hold lasts.</summary>
public sealed record PaymentFailed(string Kind, string PurchaseId, string PaymentId, string Reason, Instant At);

/// <summary>
/// The wallet as Payments uses it (implemented by Features/Wallet, docs/adr/0031): credit set aside for a checkout and credit given
/// back. Both work in the caller's unit of work without saving, like <see cref="Ledger.LedgerService.Post"/>.
/// </summary>
public interface IWalletCredits
{
    /// <summary>The payer's credit that can be spent now, in <paramref name="currency"/> (credit exists in INR only).</summary>
    Task<long> AvailableAsync(string userId, string currency, CancellationToken cancellationToken);

    /// <summary>
    /// Sets aside <paramref name="amount"/> of credit, taking from the grants that lapse first, and posts the move to the ledger under
    /// <paramref name="reference"/>. Returns the latest expiry of the grants it took from; null when the wallet no longer holds it.
    /// </summary>
    Task<Instant?> SetAsideAsync(string userId, Money amount, string reference, Instant at, CancellationToken cancellationToken);

    /// <summary>
    /// Credit comes back (a refund, a checkout closed unpaid) as a grant lapsing at <paramref name="expiresAt"/>; the caller posts
    /// the ledger transaction named <paramref name="reference"/>.
    /// </summary>
    void PutBack(string userId, Money amount, string reference, Instant at, Instant expiresAt);
}

/// <summary>What happens when a paid purchase's escrow is released: the wallet rewards a referral after a first completed session.</summary>
public sealed record PurchaseReleased(string PurchaseId, string PayerUserId, string PayeeUserId, Money CashKept, Instant At);

/// <summary>
/// Hears about escrow released to a mentor (the session took place and the dispute window passed, or a dispute was settled), in
/// the transaction that releases it.
/// </summary>
public interface IReleaseListener
{
    Task OnReleasedAsync(PurchaseReleased released, CancellationToken cancellationToken);
}

/// <summary>
/// Implemented by a seller (Bookings) for its <see cref="Kind"/>. Called inside the transaction that records the payment's
/// outcome, with the same scoped <c>GurukulDbContext</c>: whatever the listener changes commits or rolls back with the money.
/// It must be idempotent per payment id (a provider may report one payment twice) and must answer Rejected for a second,
/// different payment of a purchase that is already paid.
/// </summary>
public interface IPurchaseListener
{
    string Kind { get; }

    Task<PurchaseDecision> OnPaymentSucceededAsync(PaymentSucceeded payment, CancellationToken cancellationToken);

    Task OnPaymentFailedAsync(PaymentFailed payment, CancellationToken cancellationToken);
}
