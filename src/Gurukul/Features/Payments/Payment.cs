using Gurukul.Features.Accounts;
using Gurukul.Features.Payments.Coupons;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Payments;

public enum PaymentStatus
{
    /// <summary>The checkout is open: the student has not paid yet.</summary>
    Pending,

    /// <summary>The provider captured the money; it sits in escrow until released or refunded.</summary>
    Succeeded,

    /// <summary>The provider reported a failed attempt. The student may still pay (Razorpay allows retries on one order).</summary>
    Failed,

    /// <summary>The checkout window closed unpaid. A late capture is still recorded (and usually refunded by the seller's answer).</summary>
    Expired,
}

/// <summary>
/// One attempt to pay for a purchase, and once paid, its escrow (docs/adr/0025-payments.md). Its state machine is explicit:
/// Pending → Succeeded | Failed | Expired, and Failed or Expired → Succeeded when the provider captures late; nothing leaves
/// Succeeded. Amounts refunded and released are kept here beside the ledger so that every money move on one payment is checked
/// against them under one optimistic-concurrency version: two concurrent moves cannot both pass.
/// </summary>
public sealed class Payment
{
    /// <summary>The mentor's share of a released session, in percent (API.md: 70 %, the platform 30 %).</summary>
    public const int MentorSharePercent = 70;

    /// <summary>How long after the session's end the student may dispute before escrow is released (API.md: 48 h).</summary>
    public static readonly Duration DisputeWindow = Duration.FromHours(48);

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string PurchaseKind { get; init; }
    public required string PurchaseId { get; init; }
    public required string PayerId { get; init; }
    public required string PayeeId { get; init; }
    public required string Description { get; init; }
    public required Money ListPrice { get; init; }

    /// <summary>What the provider charges the student: the list price less any coupon, less the wallet credit used.</summary>
    public required Money Amount { get; init; }

    /// <summary>Wallet credit that pays the rest of it (docs/adr/0031), set aside when the checkout opened; 0 without credit.</summary>
    public long CreditsMinor { get; private set; }

    /// <summary>The latest expiry of the credit used: credit that comes back (a refund, a checkout closed unpaid) keeps it.</summary>
    public Instant? CreditsExpireAt { get; init; }

    /// <summary>The credit set aside went back to the wallet because the checkout closed unpaid.</summary>
    public bool CreditsReturned { get; private set; }

    /// <summary>Of <see cref="RefundedMinor"/>, what went back to the wallet as credit.</summary>
    public long RefundedCreditsMinor { get; private set; }

    public Guid? CouponId { get; init; }
    public required string Provider { get; init; }

    /// <summary>The provider's order (Razorpay), Checkout Session (Stripe) or sandbox checkout id.</summary>
    public string? ProviderOrderId { get; set; }

    /// <summary>The provider's payment (Razorpay <c>pay_…</c>, Stripe PaymentIntent), known once paid: refunds name it.</summary>
    public string? ProviderPaymentId { get; private set; }

    public string? CheckoutUrl { get; set; }
    public required string ReturnPath { get; init; }
    public PaymentStatus Status { get; private set; } = PaymentStatus.Pending;
    public string? FailureReason { get; private set; }
    public Instant CreatedAt { get; init; }
    public Instant ExpiresAt { get; init; }
    public Instant? SucceededAt { get; private set; }
    public Instant? FailedAt { get; private set; }
    public long RefundedMinor { get; private set; }

    /// <summary>What the provider kept for collecting it, when it says (Razorpay's <c>fee</c>).</summary>
    public long FeeMinor { get; private set; }

    public string? InvoiceNumber { get; private set; }
    public Instant? InvoicedAt { get; private set; }

    /// <summary>When the session was completed (or the student did not come): the dispute window starts.</summary>
    public Instant? CompletedAt { get; private set; }

    public Instant? ReleaseAt { get; private set; }
    public Instant? ReleasedAt { get; private set; }
    public bool Disputed { get; private set; }
    public long ReleasedToMentorMinor { get; private set; }
    public long ReleasedToPlatformMinor { get; private set; }
    public long ReversedFromMentorMinor { get; private set; }
    public long ReversedFromPlatformMinor { get; private set; }

    /// <summary>Raised by every change: the concurrency token.</summary>
    public int Version { get; private set; }

    public bool IsPaid => Status == PaymentStatus.Succeeded;

    /// <summary>What the purchase brings in: the provider's charge and the wallet credit.</summary>
    public long TotalMinor => Amount.AmountMinor + CreditsMinor;

    /// <summary>Paid and not yet given back.</summary>
    public long RefundableMinor => IsPaid ? TotalMinor - RefundedMinor : 0;

    /// <summary>Of what is refundable, the part paid by the provider (the rest was credit).</summary>
    public long RefundableCashMinor => IsPaid ? Amount.AmountMinor - (RefundedMinor - RefundedCreditsMinor) : 0;

    public long EscrowMinor => ReleasedAt is null ? RefundableMinor : 0;

    public bool IsOpen(Instant now) => Status == PaymentStatus.Pending && now < ExpiresAt;

    /// <summary>API.md's payment status: pending, succeeded, failed, refunded, partially_refunded.</summary>
    public string ApiStatus => Status switch
    {
        PaymentStatus.Pending => "pending",
        PaymentStatus.Failed or PaymentStatus.Expired => "failed",
        _ when RefundedMinor == 0 => "succeeded",
        _ when RefundedMinor >= TotalMinor => "refunded",
        _ => "partially_refunded",
    };

    public Money Money(long amountMinor) => new(amountMinor, Amount.Currency);

    /// <summary>Records the capture; false when it was already recorded (a provider reports one payment more than once).</summary>
    public bool Capture(string? providerPaymentId, long feeMinor, string invoiceNumber, Instant at)
    {
        if (IsPaid)
        {
            return false;
        }

        Status = PaymentStatus.Succeeded;
        ProviderPaymentId = providerPaymentId ?? ProviderPaymentId;
        FeeMinor = Math.Max(0, feeMinor);
        SucceededAt = at;
        InvoiceNumber = invoiceNumber;
        InvoicedAt = at;
        FailureReason = null;
        Version++;
        return true;
    }

    /// <summary>A failed attempt or an expired checkout; false unless the payment was still open.</summary>
    public bool Fail(PaymentStatus status, string reason, Instant at)
    {
        if (Status != PaymentStatus.Pending || status is not (PaymentStatus.Failed or PaymentStatus.Expired))
        {
            return false;
        }

        Status = status;
        FailureReason = reason;
        FailedAt = at;
        Version++;
        return true;
    }

    /// <summary>
    /// Takes <paramref name="amountMinor"/> back for the student: from escrow before release, and after it from the mentor's and
    /// the platform's shares in proportion to what each still holds of this payment. Null when more than is refundable.
    /// </summary>
    public RefundSplit? Refund(long amountMinor, bool toCredits = false)
    {
        if (amountMinor <= 0 || amountMinor > RefundableMinor)
        {
            return null;
        }

        RefundSplit split;
        if (ReleasedAt is null)
        {
            split = new RefundSplit(amountMinor, 0, 0);
        }
        else
        {
            var mentorHolds = ReleasedToMentorMinor - ReversedFromMentorMinor;
            var platformHolds = ReleasedToPlatformMinor - ReversedFromPlatformMinor;
            var fromMentor = Proportion(amountMinor, mentorHolds, mentorHolds + platformHolds);
            split = new RefundSplit(0, fromMentor, amountMinor - fromMentor);
            ReversedFromMentorMinor += split.FromMentorMinor;
            ReversedFromPlatformMinor += split.FromPlatformMinor;
        }

        RefundedMinor += amountMinor;
        RefundedCreditsMinor += toCredits ? amountMinor : 0;
        Version++;
        return split;
    }

    /// <summary>Undoes a refund the provider refused: the money goes back where it came from.</summary>
    public void RefundFailed(RefundSplit split)
    {
        RefundedMinor -= split.TotalMinor;
        ReversedFromMentorMinor -= split.FromMentorMinor;
        ReversedFromPlatformMinor -= split.FromPlatformMinor;
        Version++;
    }

    /// <summary>
    /// The checkout closed unpaid: the credit set aside for it goes back to the wallet. False when there is none to return.
    /// </summary>
    public bool ReturnCredits()
    {
        if (CreditsMinor == 0 || CreditsReturned || IsPaid)
        {
            return false;
        }

        CreditsReturned = true;
        Version++;
        return true;
    }

    /// <summary>
    /// The provider captured the cash part after the checkout closed and its credit went back to the wallet: what was captured is
    /// the cash alone (and is refunded, as the purchase is no longer paid in full).
    /// </summary>
    public void DropReturnedCredits()
    {
        CreditsMinor = 0;
        Version++;
    }

    /// <summary>Uses <paramref name="creditsMinor"/> of wallet credit for the rest of the price; set once, when the checkout opens.</summary>
    public Payment WithCredits(long creditsMinor)
    {
        CreditsMinor = creditsMinor;
        return this;
    }

    /// <summary>Starts the dispute window: escrow is released <see cref="DisputeWindow"/> after <paramref name="completedAt"/>. False if already started.</summary>
    public bool Complete(Instant completedAt)
    {
        if (CompletedAt is not null)
        {
            return false;
        }

        CompletedAt = completedAt;
        ReleaseAt = completedAt + DisputeWindow;
        Version++;
        return true;
    }

    /// <summary>A dispute holds the escrow until staff settle it. False when there is nothing held to dispute.</summary>
    public bool OpenDispute()
    {
        if (!IsPaid || ReleasedAt is not null)
        {
            return false;
        }

        Disputed = true;
        Version++;
        return true;
    }

    /// <summary>
    /// Releases what is left in escrow: the mentor's 70 % rounded to the nearest minor unit (a half to the mentor), the rest to the
    /// platform. Null when it cannot be released yet (unpaid, already released, or disputed unless <paramref name="settlingDispute"/>).
    /// </summary>
    public EscrowSplit? Release(Instant at, bool settlingDispute)
    {
        if (!IsPaid || ReleasedAt is not null || (Disputed && !settlingDispute))
        {
            return null;
        }

        var held = EscrowMinor;
        var mentor = Proportion(held, MentorSharePercent, 100);
        ReleasedAt = at;
        Disputed = false;
        ReleasedToMentorMinor = mentor;
        ReleasedToPlatformMinor = held - mentor;
        Version++;
        return new EscrowSplit(mentor, held - mentor);
    }

    /// <summary>amount × part ÷ whole, rounded to the nearest integer with halves up; 0 when the whole is 0.</summary>
    public static long Proportion(long amount, long part, long whole) =>
        whole == 0 ? 0 : (long)(((Int128)amount * part * 2 + whole) / (whole * 2));
}

/// <summary>Where a refund's money came from.</summary>
public sealed record RefundSplit(long FromEscrowMinor, long FromMentorMinor, long FromPlatformMinor)
{
    public long TotalMinor => FromEscrowMinor + FromMentorMinor + FromPlatformMinor;
}

/// <summary>Where released escrow went.</summary>
public sealed record EscrowSplit(long MentorMinor, long PlatformMinor);

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.PurchaseKind).HasMaxLength(40);
        builder.Property(p => p.PurchaseId).HasMaxLength(100);
        builder.Property(p => p.Description).HasMaxLength(200);
        builder.ComplexProperty(p => p.ListPrice, money => money.Property(m => m.Currency).HasMaxLength(3));
        builder.ComplexProperty(p => p.Amount, money => money.Property(m => m.Currency).HasMaxLength(3));
        builder.Property(p => p.Provider).HasMaxLength(20);
        builder.Property(p => p.ProviderOrderId).HasMaxLength(200);
        builder.Property(p => p.ProviderPaymentId).HasMaxLength(200);
        builder.Property(p => p.CheckoutUrl).HasMaxLength(2000);
        builder.Property(p => p.ReturnPath).HasMaxLength(500);
        builder.Property(p => p.Status).HasConversion<SnakeCaseEnumConverter<PaymentStatus>>().HasMaxLength(20);
        builder.Property(p => p.FailureReason).HasMaxLength(500);
        builder.Property(p => p.InvoiceNumber).HasMaxLength(16);
        builder.Property(p => p.Version).IsConcurrencyToken();
        // Added by migration 0017 to a table with rows: the defaults are what older payments had (no credit).
        builder.Property(p => p.CreditsMinor).HasDefaultValue(0L).HasSentinel(0L);
        builder.Property(p => p.RefundedCreditsMinor).HasDefaultValue(0L).HasSentinel(0L);
        builder.Property(p => p.CreditsReturned).HasDefaultValue(false).HasSentinel(false);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.PayerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.PayeeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Coupon>().WithMany().HasForeignKey(p => p.CouponId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.PurchaseId);
        builder.HasIndex(p => new { p.Provider, p.ProviderOrderId }).IsUnique();
        builder.HasIndex(p => new { p.PayerId, p.CreatedAt });
        builder.HasIndex(p => new { p.PayeeId, p.SucceededAt });
        builder.HasIndex(p => p.InvoiceNumber).IsUnique();
    }
}
