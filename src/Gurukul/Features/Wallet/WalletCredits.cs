using Gurukul.Features.Ledger;
using Gurukul.Features.Payments;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Wallet;

/// <summary>
/// The wallet's side of a checkout (Payments' <see cref="IWalletCredits"/>): credit is taken from the grants that lapse first, and
/// credit that comes back is a new grant keeping the expiry of the credit it was. Works in the caller's unit of work.
/// </summary>
public sealed class WalletCredits(GurukulDbContext db, LedgerService ledger, IClock clock) : IWalletCredits
{
    public async Task<long> AvailableAsync(string userId, string currency, CancellationToken cancellationToken) =>
        currency != WalletOptions.Currency ? 0 : (await SpendableAsync(userId, clock.GetCurrentInstant(), cancellationToken)).Sum(l => l.RemainingMinor);

    public async Task<Instant?> SetAsideAsync(string userId, Money amount, string reference, Instant at, CancellationToken cancellationToken)
    {
        var lots = await SpendableAsync(userId, at, cancellationToken);
        if (amount.Currency != WalletOptions.Currency || lots.Sum(l => l.RemainingMinor) < amount.AmountMinor)
        {
            return null;
        }

        var wanted = amount.AmountMinor;
        Instant? latest = null;
        foreach (var lot in lots.TakeWhile(_ => wanted > 0))
        {
            wanted -= lot.Take(wanted);
            latest = lot.ExpiresAt;
        }

        ledger.Post(reference, LedgerService.CreditReserveKind, null, at,
            LedgerLine.Debit(LedgerAccount.CreditsLiability, amount, userId),
            LedgerLine.Credit(LedgerAccount.CreditsReserved, amount, userId));
        return latest;
    }

    public void PutBack(string userId, Money amount, string reference, Instant at, Instant expiresAt) =>
        db.Set<CreditLot>().Add(CreditLot.Grant(userId, CreditSource.Refund, amount.AmountMinor, amount.Currency, reference, at, expiresAt));

    /// <summary>The owner's unexpired grants with credit left, the soonest to lapse first (tracked: spending changes them).</summary>
    private Task<List<CreditLot>> SpendableAsync(string userId, Instant at, CancellationToken cancellationToken) =>
        db.Set<CreditLot>().Where(l => l.OwnerId == userId && l.RemainingMinor > 0 && l.ExpiredAt == null && l.ExpiresAt > at)
            .OrderBy(l => l.ExpiresAt).ThenBy(l => l.Id).ToListAsync(cancellationToken);
}
