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
public sealed record Purchase(
    string Kind, string PurchaseId, string PayerUserId, string PayeeUserId, Money Price, string Description, Instant ExpiresAt,
    string ReturnPath, string? CouponCode = null);

/// <summary>A payment as the seller shows it: API.md <c>Booking.payment</c>.</summary>
public sealed record PaymentView(string Id, string Provider, string Status, Money Amount, string? CheckoutUrl, Instant? ExpiresAt);

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
