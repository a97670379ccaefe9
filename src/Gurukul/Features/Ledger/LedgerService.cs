using Gurukul.Platform;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Ledger;

/// <summary>
/// The double-entry ledger behind every money movement: posting balanced transactions (added to the caller's unit of work,
/// saved with the change that caused them), and the reports read from it.
/// </summary>
public sealed class LedgerService(GurukulDbContext db)
{
    public const string CaptureKind = "capture";
    public const string RefundKind = "refund";
    public const string ReleaseKind = "release";
    public const string ReversalKind = "reversal";

    /// <summary>A payout leaves the mentor's available balance for the provider (docs/adr/0030).</summary>
    public const string PayoutKind = "payout";

    /// <summary>The provider confirmed the payout reached the mentor.</summary>
    public const string PayoutPaidKind = "payout_paid";

    /// <summary>A payout failed or was reversed: its money is available to the mentor again.</summary>
    public const string PayoutReturnedKind = "payout_returned";

    /// <summary>Starter or referral credit given to a wallet (docs/adr/0031).</summary>
    public const string CreditGrantKind = "credit_grant";

    /// <summary>Wallet credit set aside for a checkout.</summary>
    public const string CreditReserveKind = "credit_reserve";

    /// <summary>Credit set aside for a checkout that closed unpaid, back in the wallet.</summary>
    public const string CreditReturnKind = "credit_return";

    /// <summary>Wallet credit that lapsed after its twelve months.</summary>
    public const string CreditExpiryKind = "credit_expiry";

    /// <summary>
    /// Adds a balanced transaction to the current unit of work <b>without saving</b>: the caller's save commits it together
    /// with the change it records, or neither.
    /// </summary>
    public LedgerTransaction Post(string reference, string kind, string? purchaseId, Instant at, params IEnumerable<LedgerLine> lines)
    {
        var transaction = LedgerTransaction.Balanced(reference, kind, purchaseId, at, lines);
        db.Set<LedgerTransaction>().Add(transaction);
        return transaction;
    }

    /// <summary>Whether a transaction with this reference was already posted.</summary>
    public Task<bool> PostedAsync(string reference, CancellationToken cancellationToken) =>
        db.Set<LedgerTransaction>().AnyAsync(t => t.Reference == reference, cancellationToken);

    /// <summary>
    /// Every account's balance per currency, the number of transactions, and the transactions (at most 100) whose entries do
    /// not sum to zero in some currency. Balanced means there are none and the whole ledger sums to zero.
    /// </summary>
    public async Task<LedgerCheck> CheckAsync(CancellationToken cancellationToken)
    {
        var entries = db.Set<LedgerEntry>().AsNoTracking();
        var unbalanced = await entries.GroupBy(e => new { e.TransactionId, e.Currency })
            .Where(g => g.Sum(e => e.AmountMinor) != 0)
            .Select(g => g.Key.TransactionId)
            .Distinct()
            .Take(100)
            .ToListAsync(cancellationToken);
        var sums = await entries.GroupBy(e => new { e.Account, e.Currency })
            .Select(g => new { g.Key.Account, g.Key.Currency, Sum = g.Sum(e => e.AmountMinor) })
            .ToListAsync(cancellationToken);
        var transactions = await db.Set<LedgerTransaction>().CountAsync(cancellationToken);
        var accounts = sums.OrderBy(s => s.Account).ThenBy(s => s.Currency, StringComparer.Ordinal)
            .Select(s => new AccountBalance(s.Account, new Money(s.Account.Natural(s.Sum), s.Currency)))
            .ToList();
        var wholeLedgerZero = sums.GroupBy(s => s.Currency).All(c => c.Sum(s => s.Sum) == 0);
        return new LedgerCheck(unbalanced.Count == 0 && wholeLedgerZero, accounts, transactions, unbalanced);
    }

    /// <summary>The natural balance of each party's sub-account of <paramref name="account"/> in one currency.</summary>
    public async Task<long> BalanceAsync(LedgerAccount account, string partyId, string currency, CancellationToken cancellationToken)
    {
        var sum = await db.Set<LedgerEntry>().Where(e => e.Account == account && e.PartyId == partyId && e.Currency == currency)
            .SumAsync(e => e.AmountMinor, cancellationToken);
        return account.Natural(sum);
    }

    /// <summary>
    /// Money in one currency over [<paramref name="from"/>, <paramref name="to"/>): what students paid, what went back, the
    /// platform's and mentors' released shares; escrow and payouts in flight as they stood at <paramref name="to"/>.
    /// </summary>
    public async Task<FinanceSummary> SummaryAsync(string currency, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var moves = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Currency == currency)
            .Join(db.Set<LedgerTransaction>().Where(t => t.OccurredAt < to), e => e.TransactionId, t => t.Id,
                (e, t) => new { e.Account, t.Kind, InPeriod = t.OccurredAt >= from, e.AmountMinor })
            .GroupBy(m => new { m.Account, m.Kind, m.InPeriod })
            .Select(g => new { g.Key.Account, g.Key.Kind, g.Key.InPeriod, Sum = g.Sum(m => m.AmountMinor) })
            .ToListAsync(cancellationToken);

        long InPeriod(LedgerAccount account, params string[] kinds) =>
            account.Natural(moves.Where(m => m.InPeriod && m.Account == account && (kinds.Length == 0 || kinds.Contains(m.Kind))).Sum(m => m.Sum));
        long AtEnd(LedgerAccount account) => account.Natural(moves.Where(m => m.Account == account).Sum(m => m.Sum));

        Money Of(long amount) => new(amount, currency);
        return new FinanceSummary(
            currency,
            Gross: Of(InPeriod(LedgerAccount.Escrow, CaptureKind)),
            Refunds: Of(InPeriod(LedgerAccount.Refunds)),
            PlatformFees: Of(InPeriod(LedgerAccount.PlatformRevenue)),
            MentorEarnings: Of(InPeriod(LedgerAccount.MentorPayable, ReleaseKind, ReversalKind)),
            InEscrow: Of(AtEnd(LedgerAccount.Escrow)),
            PayoutsPaid: Of(InPeriod(LedgerAccount.MentorPaidOut)),
            PayoutsPending: Of(AtEnd(LedgerAccount.PayoutsInFlight)));
    }
}

public sealed record AccountBalance(LedgerAccount Account, Money Balance);

public sealed record LedgerCheck(bool Balanced, IReadOnlyList<AccountBalance> Accounts, int Transactions, IReadOnlyList<Guid> UnbalancedTransactions);

public sealed record FinanceSummary(
    string Currency, Money Gross, Money Refunds, Money PlatformFees, Money MentorEarnings, Money InEscrow, Money PayoutsPaid, Money PayoutsPending);
