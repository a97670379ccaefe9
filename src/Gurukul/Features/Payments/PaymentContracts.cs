using Gurukul.Features.Ledger;
using Gurukul.Features.Mentors;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Payments;

/// <summary>API.md <c>GET /api/v1/me/payments</c> item.</summary>
public sealed record PaymentDto(
    string Id, string BookingId, MoneyDto Amount, MoneyDto Refunded, string Status, string Provider, DateTime CreatedAt, string? InvoiceUrl);

/// <summary>API.md <c>POST /api/v1/payments/{paymentId}/sandbox</c> body.</summary>
public sealed record SandboxOutcomeRequest(string? Outcome);

/// <summary>The payment as <c>Booking.payment</c> shows it, answered by the sandbox endpoint.</summary>
public sealed record PaymentViewDto(string Id, string Provider, string Status, MoneyDto Amount, string? CheckoutUrl, DateTime? ExpiresAt)
{
    public static PaymentViewDto From(PaymentView view) =>
        new(view.Id, view.Provider, view.Status, MoneyDto.From(view.Amount), view.CheckoutUrl, view.ExpiresAt?.ToDateTimeUtc());
}

/// <summary>API.md <c>GET /api/v1/me/earnings</c>.</summary>
public sealed record EarningsDto(
    string Currency, MoneyDto InEscrow, MoneyDto Available, MoneyDto PaidOut, string NextPayoutOn, IReadOnlyList<EarningDto> Items, string? NextCursor);

public sealed record EarningDto(string BookingId, MoneyDto Gross, MoneyDto PlatformFee, MoneyDto Net, string Status, DateTime? ReleasesAt);

/// <summary>API.md <c>GET /api/v1/admin/ledger/check</c>: whether every transaction balances, each account's balance, how many transactions.</summary>
public sealed record LedgerCheckDto(bool Balanced, IReadOnlyList<AccountBalanceDto> Accounts, int Transactions, IReadOnlyList<string> UnbalancedTransactions)
{
    public static LedgerCheckDto From(LedgerCheck check) => new(
        check.Balanced,
        [.. check.Accounts.Select(a => new AccountBalanceDto(Gurukul.Platform.Data.SnakeCaseNames.ToSnakeCase(a.Account.ToString()), a.Account.IsDebitNormal() ? "debit" : "credit", MoneyDto.From(a.Balance)))],
        check.Transactions,
        [.. check.UnbalancedTransactions.Select(t => t.ToString())]);
}

public sealed record AccountBalanceDto(string Account, string NormalSide, MoneyDto Balance);

/// <summary>API.md <c>GET /api/v1/admin/finance/summary</c>.</summary>
public sealed record FinanceSummaryDto(
    string Currency, MoneyDto Gross, MoneyDto Refunds, MoneyDto PlatformFees, MoneyDto MentorEarnings, MoneyDto InEscrow, MoneyDto PayoutsPaid, MoneyDto PayoutsPending,
    string From, string To)
{
    public static FinanceSummaryDto Of(FinanceSummary s, LocalDate from, LocalDate to) => new(
        s.Currency, MoneyDto.From(s.Gross), MoneyDto.From(s.Refunds), MoneyDto.From(s.PlatformFees), MoneyDto.From(s.MentorEarnings),
        MoneyDto.From(s.InEscrow), MoneyDto.From(s.PayoutsPaid), MoneyDto.From(s.PayoutsPending), LocalDatePattern.Iso.Format(from), LocalDatePattern.Iso.Format(to));
}
