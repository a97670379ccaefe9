using System.Globalization;
using Gurukul.Features.Ledger;
using Gurukul.Features.Mentors;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Payments;

/// <summary>What students, mentors and staff read about money: a student's payments, a mentor's earnings, the finance summary.</summary>
public sealed class PaymentHistory(
    GurukulDbContext db, LedgerService ledger, SignedCursors cursors, IOptions<PaymentOptions> options, IClock clock, IStringLocalizer<Strings> text)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    private const string PaymentsList = "payments";
    private const string EarningsList = "earnings";

    /// <summary>The student's payments, newest first (API.md list paging). 400 naming <c>limit</c> or <c>cursor</c>.</summary>
    public async Task<(IReadOnlyList<PaymentDto> Items, string? NextCursor)> ListAsync(string payerId, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var take = Limit(limit);
        var rows = db.Set<Payment>().AsNoTracking().Where(p => p.PayerId == payerId);
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            var (at, id) = cursors.Read(PaymentsList, cursor.Trim());
            rows = rows.Where(p => p.CreatedAt < at || (p.CreatedAt == at && p.Id.CompareTo(id) < 0));
        }

        var page = await rows.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(take + 1).ToListAsync(cancellationToken);
        var shown = page.Take(take).ToList();
        return ([.. shown.Select(ToDto)], page.Count > take ? cursors.Write(PaymentsList, shown[^1].CreatedAt, shown[^1].Id) : null);
    }

    /// <summary>A page of the student's payments as the payments page shows them (with what each was for).</summary>
    public async Task<(IReadOnlyList<PaymentPageItem> Items, string? NextCursor)> PageAsync(string payerId, string? cursor, CancellationToken cancellationToken)
    {
        var (items, next) = await ListAsync(payerId, null, cursor, cancellationToken);
        var ids = items.Select(i => Guid.Parse(i.Id)).ToList();
        var descriptions = await db.Set<Payment>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Description, cancellationToken);
        return ([.. items.Select(i => new PaymentPageItem(
            descriptions[Guid.Parse(i.Id)], new Money(i.Amount.AmountMinor!.Value, i.Amount.Currency!), new Money(i.Refunded.AmountMinor!.Value, i.Refunded.Currency!),
            i.Status, i.Provider, Instant.FromDateTimeUtc(i.CreatedAt), i.InvoiceUrl))], next);
    }

    /// <summary>One of the student's own payments; 404 for anyone else's (or an id that is not one).</summary>
    public async Task<Payment> MineAsync(string payerId, string paymentId, CancellationToken cancellationToken) =>
        Guid.TryParse(paymentId, out var id) && await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.PayerId == payerId, cancellationToken) is { } payment
            ? payment
            : throw new NotFoundException(text["payments.not_found"]);

    /// <summary>
    /// A mentor's money (API.md <c>GET /api/v1/me/earnings</c>): escrow, available and paid out from the ledger, and per paid
    /// session what it earned or will earn, newest first.
    /// </summary>
    public async Task<EarningsDto> EarningsAsync(string mentorId, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var take = Limit(limit);
        var paid = db.Set<Payment>().AsNoTracking().Where(p => p.PayeeId == mentorId && p.Status == PaymentStatus.Succeeded);
        var currency = await paid.OrderByDescending(p => p.SucceededAt).Select(p => p.Amount.Currency).FirstOrDefaultAsync(cancellationToken) ?? "INR";
        var rows = paid.Where(p => p.Amount.Currency == currency);
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            var (at, id) = cursors.Read(EarningsList, cursor.Trim());
            rows = rows.Where(p => p.SucceededAt < at || (p.SucceededAt == at && p.Id.CompareTo(id) < 0));
        }

        var page = await rows.OrderByDescending(p => p.SucceededAt).ThenByDescending(p => p.Id).Take(take + 1).ToListAsync(cancellationToken);
        var shown = page.Take(take).ToList();
        Money Of(long minor) => new(minor, currency);
        var paidOut = await ledger.BalanceAsync(LedgerAccount.MentorPaidOut, mentorId, currency, cancellationToken);
        var settled = await PaidOutAsync(paid.Where(p => p.Amount.Currency == currency), paidOut, cancellationToken);
        return new EarningsDto(
            currency,
            MoneyDto.From(Of(await ledger.BalanceAsync(LedgerAccount.Escrow, mentorId, currency, cancellationToken))),
            MoneyDto.From(Of(await ledger.BalanceAsync(LedgerAccount.MentorPayable, mentorId, currency, cancellationToken))),
            MoneyDto.From(Of(paidOut)),
            LocalDatePattern.Iso.Format(NextMonday()),
            [.. shown.Select(p => Earning(p, settled.Contains(p.Id)))],
            page.Count > take ? cursors.Write(EarningsList, shown[^1].SucceededAt!.Value, shown[^1].Id) : null);
    }

    /// <summary>
    /// The finance summary over calendar days in the platform's zone, <paramref name="from"/> to <paramref name="to"/> inclusive
    /// (default: this month so far). 400 naming <c>from</c>, <c>to</c> or <c>currency</c>.
    /// </summary>
    public async Task<FinanceSummaryDto> SummaryAsync(string? from, string? to, string? currency, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var zone = DateTimeZoneProviders.Tzdb[options.Value.TimeZone];
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        var first = Date(errors, "from", from) ?? today.With(DateAdjusters.StartOfMonth);
        var last = Date(errors, "to", to) ?? today;
        if (last < first && !errors.Has("from") && !errors.Has("to"))
        {
            errors.Add("to", text["payments.summary_range"]);
        }

        var code = string.IsNullOrWhiteSpace(currency) ? "INR" : currency.Trim().ToUpperInvariant();
        if (!Money.Currencies.Contains(code))
        {
            errors.Add("currency", text["coupons.currency", string.Join(", ", Money.Currencies.Order(StringComparer.Ordinal))]);
        }

        errors.ThrowIfAny();
        var summary = await ledger.SummaryAsync(code, first.AtStartOfDayInZone(zone).ToInstant(), last.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(), cancellationToken);
        return FinanceSummaryDto.Of(summary, first, last);
    }

    public static PaymentDto ToDto(Payment p) => new(
        p.Id.ToString(), p.PurchaseId, MoneyDto.From(p.Amount), MoneyDto.From(p.Money(p.RefundedMinor - p.RefundedCreditsMinor)), p.ApiStatus, p.Provider, p.CreatedAt.ToDateTimeUtc(),
        p.InvoiceNumber is null ? null : PaymentLinks.InvoicePath(p.Id));

    /// <summary>
    /// The released sessions the mentor's payouts have covered: payouts settle the oldest released earnings first, so a session is
    /// paid out once everything paid out reaches the running total of net earnings up to and including it (docs/adr/0030).
    /// </summary>
    private static async Task<HashSet<Guid>> PaidOutAsync(IQueryable<Payment> rows, long paidOut, CancellationToken cancellationToken)
    {
        var settled = new HashSet<Guid>();
        if (paidOut <= 0)
        {
            return settled;
        }

        var released = await rows.Where(p => p.ReleasedAt != null).OrderBy(p => p.ReleasedAt).ThenBy(p => p.Id)
            .Select(p => new { p.Id, Net = p.ReleasedToMentorMinor - p.ReversedFromMentorMinor }).ToListAsync(cancellationToken);
        var total = 0L;
        foreach (var payment in released)
        {
            total += payment.Net;
            if (total > paidOut)
            {
                break;
            }

            settled.Add(payment.Id);
        }

        return settled;
    }

    private static EarningDto Earning(Payment p, bool paidOut)
    {
        var kept = p.TotalMinor - p.RefundedMinor;
        if (p.ReleasedAt is not null)
        {
            var net = p.ReleasedToMentorMinor - p.ReversedFromMentorMinor;
            var fee = p.ReleasedToPlatformMinor - p.ReversedFromPlatformMinor;
            return new EarningDto(p.PurchaseId, MoneyDto.From(p.Money(kept)), MoneyDto.From(p.Money(fee)), MoneyDto.From(p.Money(net)),
                kept == 0 ? "refunded" : paidOut ? "paid_out" : "available", null);
        }

        // Still held: what the release will pay, by the same rounding.
        var share = Payment.Proportion(kept, Payment.MentorSharePercent, 100);
        return new EarningDto(p.PurchaseId, MoneyDto.From(p.Money(kept)), MoneyDto.From(p.Money(kept - share)), MoneyDto.From(p.Money(share)),
            kept == 0 ? "refunded" : "in_escrow", p.ReleaseAt?.ToDateTimeUtc());
    }

    /// <summary>Payouts run on Mondays (API.md): the first Monday after today in the platform's zone.</summary>
    private LocalDate NextMonday() =>
        clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb[options.Value.TimeZone]).Date.With(DateAdjusters.Next(IsoDayOfWeek.Monday));

    private int Limit(string? limit)
    {
        if (string.IsNullOrWhiteSpace(limit))
        {
            return DefaultLimit;
        }

        return int.TryParse(limit.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var take) && take is >= 1 and <= MaxLimit
            ? take
            : throw new ValidationException("limit", text["validation.limit", MaxLimit]);
    }

    private LocalDate? Date(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(value.Trim());
        if (parsed.Success)
        {
            return parsed.Value;
        }

        errors.Add(field, text["payments.date_invalid"]);
        return null;
    }
}

/// <summary>One line of the payments page.</summary>
public sealed record PaymentPageItem(string Description, Money Amount, Money Refunded, string Status, string Provider, Instant CreatedAt, string? InvoiceUrl);
