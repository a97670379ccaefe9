using Gurukul.Features.Mentors;
using NodaTime;

namespace Gurukul.Features.Payments.Coupons;

/// <summary>API.md <c>POST /api/v1/admin/coupons</c>: <c>{ code, percentOff? | amountOff?: Money, maxRedemptions?, validUntil? }</c>.</summary>
public sealed record CouponRequest(string? Code, int? PercentOff, MoneyDto? AmountOff, int? MaxRedemptions, Instant? ValidUntil);

/// <summary>A coupon as staff see it; <c>redemptions</c> counts paid uses, <c>reserved</c> checkouts still holding one.</summary>
public sealed record CouponDto(
    string Id, string Code, int? PercentOff, MoneyDto? AmountOff, int? MaxRedemptions, int Redemptions, int Reserved, Instant? ValidUntil, Instant CreatedAt);
