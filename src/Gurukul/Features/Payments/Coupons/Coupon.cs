using Gurukul.Platform;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Payments.Coupons;

/// <summary>
/// A discount code (API.md <c>POST /api/v1/admin/coupons</c>): a percentage or a fixed amount off, optionally limited in uses
/// and time. <see cref="Uses"/> counts checkouts holding it and payments that redeemed it; the database refuses more than
/// <see cref="MaxRedemptions"/> (a check constraint), which is what keeps the limit under concurrency.
/// </summary>
public sealed class Coupon
{
    public const int CodeMaxLength = 40;

    /// <summary>No coupon brings a price below this many minor units (₹1): providers do not take smaller payments.</summary>
    public const long MinimumChargeMinor = 100;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Upper case, as students may type it in any case.</summary>
    public required string Code { get; init; }

    public int? PercentOff { get; init; }
    public long? AmountOffMinor { get; init; }
    public string? AmountOffCurrency { get; init; }
    public int? MaxRedemptions { get; init; }
    public int Uses { get; init; }
    public Instant? ValidUntil { get; init; }
    public Instant CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    /// <summary>How much comes off <paramref name="price"/>; null when the coupon is in another currency.</summary>
    public long? DiscountOn(Money price)
    {
        long off;
        if (PercentOff is { } percent)
        {
            // Down to the minor unit: the student never gets more off than the percentage says.
            off = price.AmountMinor * percent / 100;
        }
        else if (AmountOffCurrency == price.Currency)
        {
            off = AmountOffMinor ?? 0;
        }
        else
        {
            return null;
        }

        return Math.Clamp(Math.Min(off, price.AmountMinor - MinimumChargeMinor), 0, price.AmountMinor);
    }
}

public enum RedemptionStatus
{
    /// <summary>A checkout holds one of the coupon's uses.</summary>
    Reserved,

    /// <summary>The payment succeeded: the use is spent, counted once.</summary>
    Redeemed,

    /// <summary>The checkout ended unpaid: the use went back to the coupon.</summary>
    Released,
}

/// <summary>One payment's use of a coupon; the payment is the key, so a payment redeems at most once.</summary>
public sealed class CouponRedemption
{
    public Guid PaymentId { get; init; }
    public Guid CouponId { get; init; }
    public RedemptionStatus Status { get; set; } = RedemptionStatus.Reserved;
    public Instant ReservedAt { get; init; }
    public Instant? SettledAt { get; set; }
}

internal sealed class CouponConfiguration : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> builder)
    {
        builder.ToTable("coupons", table =>
        {
            table.HasCheckConstraint("ck_coupons_uses_within_limit", "uses >= 0 AND (max_redemptions IS NULL OR uses <= max_redemptions)");
            table.HasCheckConstraint("ck_coupons_one_discount", "(percent_off IS NULL) <> (amount_off_minor IS NULL)");
        });
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Code).HasMaxLength(Coupon.CodeMaxLength);
        builder.Property(c => c.AmountOffCurrency).HasMaxLength(3);
        builder.Property(c => c.CreatedBy).HasMaxLength(100);
        builder.HasIndex(c => c.Code).IsUnique();
    }
}

internal sealed class CouponRedemptionConfiguration : IEntityTypeConfiguration<CouponRedemption>
{
    public void Configure(EntityTypeBuilder<CouponRedemption> builder)
    {
        builder.ToTable("coupon_redemptions");
        builder.HasKey(r => r.PaymentId);
        builder.Property(r => r.Status).HasConversion<SnakeCaseEnumConverter<RedemptionStatus>>().HasMaxLength(20);
        builder.HasOne<Payment>().WithOne().HasForeignKey<CouponRedemption>(r => r.PaymentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Coupon>().WithMany().HasForeignKey(r => r.CouponId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.CouponId, r.Status });
    }
}
