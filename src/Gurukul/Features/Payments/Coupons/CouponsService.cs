using System.Text.RegularExpressions;
using Gurukul.Features.Mentors;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Payments.Coupons;

/// <summary>
/// Coupons: staff create them, students apply them. A checkout reserves one use (a conditional update the database checks
/// against the limit), the payment's success redeems it, and a checkout that ends unpaid gives it back.
/// </summary>
public sealed partial class CouponsService(GurukulDbContext db, IClock clock, IStringLocalizer<Strings> text)
{
    public const string CouponField = "couponCode";

    public async Task<CouponDto> CreateAsync(string staffUserId, CouponRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var code = Coupon.Normalize(request.Code ?? "");
        if (!CodePattern().IsMatch(code))
        {
            errors.Add("code", text["coupons.code_invalid", Coupon.CodeMaxLength]);
        }

        if ((request.PercentOff is null) == (request.AmountOff is null))
        {
            errors.Add("percentOff", text["coupons.one_discount"]);
        }
        else if (request.PercentOff is { } percent && percent is < 1 or > 100)
        {
            errors.Add("percentOff", text["coupons.percent_range"]);
        }
        else if (request.AmountOff is { } amount)
        {
            if (amount.AmountMinor is not > 0)
            {
                errors.Add("amountOff.amountMinor", text["coupons.amount_positive"]);
            }

            if (amount.Currency is null || !Money.Currencies.Contains(amount.Currency))
            {
                errors.Add("amountOff.currency", text["coupons.currency", string.Join(", ", Money.Currencies.Order(StringComparer.Ordinal))]);
            }
        }

        if (request.MaxRedemptions is < 1)
        {
            errors.Add("maxRedemptions", text["coupons.max_redemptions"]);
        }

        var now = clock.GetCurrentInstant();
        if (request.ValidUntilInstant is { } until && until <= now)
        {
            errors.Add("validUntil", text["coupons.valid_until"]);
        }

        errors.ThrowIfAny();
        var coupon = new Coupon
        {
            Code = code, PercentOff = request.PercentOff, AmountOffMinor = request.AmountOff?.AmountMinor, AmountOffCurrency = request.AmountOff?.Currency,
            MaxRedemptions = request.MaxRedemptions, ValidUntil = request.ValidUntilInstant, CreatedAt = now, CreatedBy = staffUserId,
        };
        db.Set<Coupon>().Add(coupon);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(text["coupons.code_taken", code]);
        }

        return ToDto(coupon, 0, 0);
    }

    /// <summary>
    /// What <paramref name="price"/> comes to with <paramref name="couponCode"/> (none: the price itself). 400 naming
    /// <c>couponCode</c> for a coupon that is unknown, expired, used up or in another currency.
    /// </summary>
    public async Task<(Quote Quote, Coupon? Coupon)> QuoteAsync(Money price, string? couponCode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(couponCode))
        {
            return (new Quote(price, new Money(0, price.Currency), price, null), null);
        }

        var code = Coupon.Normalize(couponCode);
        var coupon = await db.Set<Coupon>().AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (coupon is null || coupon.ValidUntil <= clock.GetCurrentInstant())
        {
            throw new ValidationException(CouponField, text["coupons.unknown"]);
        }

        if (coupon.MaxRedemptions is { } max && coupon.Uses >= max)
        {
            throw new ValidationException(CouponField, text["coupons.used_up"]);
        }

        var off = coupon.DiscountOn(price) ?? throw new ValidationException(CouponField, text["coupons.other_currency", coupon.AmountOffCurrency ?? ""]);
        return (new Quote(price, new Money(off, price.Currency), new Money(price.AmountMinor - off, price.Currency), coupon.Code), coupon);
    }

    /// <summary>
    /// Takes one use of the coupon for a checkout, in the caller's transaction. The update succeeds only while a use is left
    /// and the coupon is valid, and the database's check refuses any count above the limit, so concurrent checkouts can never
    /// take more uses than there are. 400 naming <c>couponCode</c> when none is left.
    /// </summary>
    public async Task ReserveAsync(Coupon coupon, Guid paymentId, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var taken = await db.Set<Coupon>()
            .Where(c => c.Id == coupon.Id && (c.MaxRedemptions == null || c.Uses < c.MaxRedemptions) && (c.ValidUntil == null || c.ValidUntil > now))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Uses, c => c.Uses + 1), cancellationToken);
        if (taken == 0)
        {
            throw new ValidationException(CouponField, text["coupons.used_up"]);
        }

        db.Set<CouponRedemption>().Add(new CouponRedemption { PaymentId = paymentId, CouponId = coupon.Id, ReservedAt = now });
    }

    /// <summary>
    /// Spends the payment's reserved use now that it is paid (once: a repeat changes nothing). A use that was given back when
    /// the checkout expired is taken again if one is left; false when none is, and the payment cannot be honoured at its price.
    /// </summary>
    public async Task<bool> RedeemAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        var redemption = await db.Set<CouponRedemption>().SingleOrDefaultAsync(r => r.PaymentId == paymentId, cancellationToken);
        if (redemption is null || redemption.Status == RedemptionStatus.Redeemed)
        {
            return true;
        }

        if (redemption.Status == RedemptionStatus.Released)
        {
            var retaken = await db.Set<Coupon>()
                .Where(c => c.Id == redemption.CouponId && (c.MaxRedemptions == null || c.Uses < c.MaxRedemptions))
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Uses, c => c.Uses + 1), cancellationToken);
            if (retaken == 0)
            {
                return false;
            }
        }

        redemption.Status = RedemptionStatus.Redeemed;
        redemption.SettledAt = clock.GetCurrentInstant();
        return true;
    }

    /// <summary>Gives a reserved use back (the checkout ended unpaid).</summary>
    public async Task ReleaseAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        var redemption = await db.Set<CouponRedemption>().SingleOrDefaultAsync(r => r.PaymentId == paymentId, cancellationToken);
        if (redemption is not { Status: RedemptionStatus.Reserved })
        {
            return;
        }

        await db.Set<Coupon>().Where(c => c.Id == redemption.CouponId).ExecuteUpdateAsync(set => set.SetProperty(c => c.Uses, c => c.Uses - 1), cancellationToken);
        redemption.Status = RedemptionStatus.Released;
        redemption.SettledAt = clock.GetCurrentInstant();
    }

    public async Task<CouponDto?> FindAsync(string code, CancellationToken cancellationToken)
    {
        var normalized = Coupon.Normalize(code);
        var coupon = await db.Set<Coupon>().AsNoTracking().SingleOrDefaultAsync(c => c.Code == normalized, cancellationToken);
        if (coupon is null)
        {
            return null;
        }

        var counts = await db.Set<CouponRedemption>().Where(r => r.CouponId == coupon.Id)
            .GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return ToDto(coupon, counts.Where(c => c.Status == RedemptionStatus.Redeemed).Sum(c => c.Count),
            counts.Where(c => c.Status == RedemptionStatus.Reserved).Sum(c => c.Count));
    }

    private static CouponDto ToDto(Coupon c, int redeemed, int reserved) => new(
        c.Id.ToString(), c.Code, c.PercentOff, c.AmountOffMinor is { } off ? new MoneyDto(off, c.AmountOffCurrency) : null, c.MaxRedemptions,
        redeemed, reserved, c.ValidUntil?.ToDateTimeUtc(), c.CreatedAt.ToDateTimeUtc());

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]{2,39}$")]
    private static partial Regex CodePattern();
}
