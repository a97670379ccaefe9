using System.Security.Cryptography;
using System.Text;
using Gurukul.Features.Ledger;
using Gurukul.Features.Mentors;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Features.Wallet;

/// <summary>
/// Wallet credit on the ledger (docs/adr/0031): what a person holds and how it moved, their referral link, and the credit the
/// platform gives (starter, referral). Every grant is a balanced ledger transaction with a unique reference, so it happens once.
/// </summary>
public sealed class WalletService(GurukulDbContext db, LedgerService ledger, IOptions<WalletOptions> options, IClock clock)
{
    public const int EntriesShown = 100;
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
    private const int CodeLength = 8;

    /// <summary>Credit and its movements, newest first; what lapses in the next 30 days.</summary>
    public async Task<WalletDto> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var currency = WalletOptions.Currency;
        var balance = await ledger.BalanceAsync(LedgerAccount.CreditsLiability, userId, currency, cancellationToken);
        var moves = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.Account == LedgerAccount.CreditsLiability && e.PartyId == userId)
            .Join(db.Set<LedgerTransaction>(), e => e.TransactionId, t => t.Id, (e, t) => new { e.AmountMinor, t.Kind, t.Reference, t.OccurredAt, t.Id })
            .OrderByDescending(m => m.OccurredAt).ThenByDescending(m => m.Id)
            .Take(EntriesShown)
            .ToListAsync(cancellationToken);
        var references = moves.Select(m => m.Reference).ToList();
        var lots = await db.Set<CreditLot>().AsNoTracking().Where(l => references.Contains(l.Reference))
            .ToDictionaryAsync(l => l.Reference, cancellationToken);
        var now = clock.GetCurrentInstant();
        var soon = now + Duration.FromDays(options.Value.ExpiryWarningDays);
        var expiringSoon = await db.Set<CreditLot>().Where(l => l.OwnerId == userId && l.ExpiredAt == null && l.RemainingMinor > 0 && l.ExpiresAt <= soon)
            .SumAsync(l => l.RemainingMinor, cancellationToken);
        return new WalletDto(
            MoneyDto.From(new Money(balance, currency)),
            [.. moves.Select(m =>
            {
                var lot = lots.GetValueOrDefault(m.Reference);
                return new WalletEntryDto(MoneyDto.From(new Money(-m.AmountMinor, currency)), EntryKind(m.Kind, lot), m.OccurredAt.ToDateTimeUtc(),
                    lot?.ExpiresAt.ToDateTimeUtc());
            })],
            MoneyDto.From(new Money(expiringSoon, currency)));
    }

    /// <summary>The person's referral link (made on first ask) and what it earned them.</summary>
    public async Task<ReferralDto> GetReferralAsync(string userId, string baseUrl, CancellationToken cancellationToken)
    {
        var code = await CodeAsync(userId, cancellationToken);
        var earned = await db.Set<CreditLot>().Where(l => l.OwnerId == userId && l.Source == CreditSource.Referral && l.Reference.EndsWith(":referrer"))
            .SumAsync(l => l.AmountMinor, cancellationToken);
        var counts = await db.Set<Referral>().Where(r => r.ReferrerId == userId).GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new ReferralDto(ReferralLink(baseUrl, code), MoneyDto.From(new Money(earned, WalletOptions.Currency)), code,
            counts.Sum(c => c.Count), counts.Where(c => c.Key == ReferralStatus.Rewarded).Sum(c => c.Count));
    }

    public static string ReferralLink(string baseUrl, string code) => $"{baseUrl}/account/sign-up?ref={Uri.EscapeDataString(code)}";

    /// <summary>
    /// Gives credit in the current unit of work (not saved): a grant lasting the configured months and its ledger transaction, both
    /// under <paramref name="reference"/>, which the database keeps unique.
    /// </summary>
    public void Grant(string userId, CreditSource source, long amountMinor, string reference, Instant at)
    {
        if (amountMinor <= 0)
        {
            return;
        }

        var credit = new Money(amountMinor, WalletOptions.Currency);
        var expiresAt = at.InUtc().LocalDateTime.PlusMonths(options.Value.CreditLifetimeMonths).InUtc().ToInstant();
        db.Set<CreditLot>().Add(CreditLot.Grant(userId, source, amountMinor, credit.Currency, reference, at, expiresAt));
        ledger.Post(reference, LedgerService.CreditGrantKind, null, at,
            LedgerLine.Debit(LedgerAccount.CreditsGranted, credit),
            LedgerLine.Credit(LedgerAccount.CreditsLiability, credit, userId));
    }

    /// <summary>The owner of a referral code; null for a code nobody has.</summary>
    public Task<string?> ReferrerOfAsync(string code, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return db.Set<ReferralCode>().Where(c => c.Code == normalized).Select(c => (string?)c.UserId).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The email as one inbox: letters in one case, and for Gmail without dots and "+tags" in the local part, so
    /// <c>A.sha+2@gmail.com</c> and <c>asha@googlemail.com</c> are one person when it comes to rewards.
    /// </summary>
    public static string CanonicalEmail(string email)
    {
        var at = email.LastIndexOf('@');
        if (at < 0)
        {
            return email.Trim().ToLowerInvariant();
        }

        var local = email[..at].Trim().ToLowerInvariant();
        var domain = email[(at + 1)..].Trim().ToLowerInvariant();
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            local = local[..plus];
        }

        if (domain is "gmail.com" or "googlemail.com")
        {
            return local.Replace(".", "", StringComparison.Ordinal) + "@gmail.com";
        }

        return local + "@" + domain;
    }

    public static string RewardKey(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalEmail(email))));

    private async Task<string> CodeAsync(string userId, CancellationToken cancellationToken)
    {
        if (await db.Set<ReferralCode>().Where(c => c.UserId == userId).Select(c => c.Code).SingleOrDefaultAsync(cancellationToken) is { } existing)
        {
            return existing;
        }

        for (var attempt = 1; ; attempt++)
        {
            var code = new string(RandomNumberGenerator.GetItems<char>(CodeAlphabet, CodeLength));
            var row = new ReferralCode { UserId = userId, Code = code, CreatedAt = clock.GetCurrentInstant() };
            db.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return code;
            }
            catch (DbUpdateException clash) when (DbErrors.IsUniqueViolation(clash) && attempt < 5)
            {
                // The same code drawn twice, or a parallel first ask made this user's code: ask again.
                db.Entry(row).State = EntityState.Detached;
                if (await db.Set<ReferralCode>().Where(c => c.UserId == userId).Select(c => c.Code).SingleOrDefaultAsync(cancellationToken) is { } made)
                {
                    return made;
                }
            }
        }
    }

    private static string EntryKind(string transactionKind, CreditLot? lot) => transactionKind switch
    {
        LedgerService.CreditGrantKind => lot?.Source == CreditSource.Referral ? "referral" : "starter",
        LedgerService.CreditReserveKind => "spent",
        LedgerService.CreditExpiryKind => "expired",
        _ => "refund",
    };
}
