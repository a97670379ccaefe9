using Gurukul.Features.Mentors;
using NodaTime.Text;

namespace Gurukul.Features.Payouts;

/// <summary>API.md <c>PUT /api/v1/me/payout-method</c> body; the password (or, with two-factor on, a code) proves it is the mentor.</summary>
public sealed record PayoutMethodRequest(
    string? Method, string? UpiId = null, string? AccountName = null, string? AccountNumber = null, string? Ifsc = null, string? Password = null,
    string? TotpCode = null);

/// <summary>The payout method as shown: the UPI id or account number masked.</summary>
public sealed record PayoutMethodDto(string Method, string? UpiId, string? AccountName, string? AccountNumber, string? Ifsc, DateTime UpdatedAt);

/// <summary>API.md <c>GET /api/v1/me/payouts</c> item; <c>method</c> (masked) and <c>failureReason</c> are additions.</summary>
public sealed record PayoutDto(
    string Id, MoneyDto Amount, string Status, string PeriodEnd, DateTime? PaidAt, string? Reference, string Method, string? FailureReason, DateTime CreatedAt)
{
    public static PayoutDto From(Payout p) => new(
        p.Id.ToString(), MoneyDto.From(p.Amount), StatusName(p.Status), LocalDatePattern.Iso.Format(p.PeriodEnd), p.PaidAt?.ToDateTimeUtc(), p.Reference,
        p.MethodMasked, p.FailureReason, p.CreatedAt.ToDateTimeUtc());

    public static string StatusName(PayoutStatus status) => status switch
    {
        PayoutStatus.Paid => "paid",
        PayoutStatus.Failed => "failed",
        _ => "pending",
    };
}

/// <summary>A payout as staff see it: whose it is.</summary>
public sealed record AdminPayoutDto(string Id, string MentorId, string MentorName, MoneyDto Amount, string Status, string PeriodEnd, DateTime? PaidAt,
    string? Reference, string Method, string? FailureReason, int Attempt, DateTime CreatedAt);

/// <summary>API.md <c>POST /api/v1/admin/payouts/run</c> body: the Sunday that ends the week to pay (default: the last one).</summary>
public sealed record PayoutRunRequest(string? PeriodEnd = null);

/// <summary>How many payouts the run created and their total; <c>periodEnd</c> is an addition.</summary>
public sealed record PayoutRunDto(int Created, MoneyDto Total, string PeriodEnd);
