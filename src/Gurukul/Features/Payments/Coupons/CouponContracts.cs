using Gurukul.Features.Mentors;
using NodaTime;

namespace Gurukul.Features.Payments.Coupons;

/// <summary>API.md <c>POST /api/v1/admin/coupons</c>: <c>{ code, percentOff? | amountOff?: Money, maxRedemptions?, validUntil? }</c>.</summary>
public sealed record CouponRequest(string? Code, int? PercentOff, MoneyDto? AmountOff, int? MaxRedemptions, DateTime? ValidUntil)
{
    /// <summary>The end of validity as an instant; a time without an offset is read as UTC, as API.md writes every time.</summary>
    public Instant? ValidUntilInstant => ValidUntil is { } until
        ? Instant.FromDateTimeUtc(until.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(until, DateTimeKind.Utc) : until.ToUniversalTime())
        : null;
}

/// <summary>A coupon as staff see it; <c>redemptions</c> counts paid uses, <c>reserved</c> checkouts still holding one.</summary>
public sealed record CouponDto(
    string Id, string Code, int? PercentOff, MoneyDto? AmountOff, int? MaxRedemptions, int Redemptions, int Reserved, DateTime? ValidUntil, DateTime CreatedAt);
