using System.Globalization;
using Gurukul.Features.Ledger;
using Gurukul.Features.Mentors.Pages;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Features.Wallet;

/// <summary>
/// The hourly wallet job (one run at a time on the queue): credit that reached its expiry lapses, balanced on the ledger
/// (<c>credits-expire:{lot}</c>, once per grant), and owners whose credit lapses within 30 days get one mail listing it. Each
/// batch is one transaction: the mail is added with the mark that it was sent, so nobody is told twice.
/// </summary>
public sealed class CreditExpiryJob(GurukulDbContext db, LedgerService ledger, MailOutbox outbox, JsonStringCatalog strings, IOptions<WalletOptions> options, IClock clock)
    : IRecurringJob
{
    public const string JobKind = "wallet.credits.expire";
    private const int Batch = 500;

    public string Kind => JobKind;

    public Duration Interval => Duration.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await ExpireBatchAsync(cancellationToken) == Batch)
        {
        }

        while (await WarnBatchAsync(cancellationToken) > 0)
        {
        }
    }

    private async Task<int> ExpireBatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var due = await db.Set<CreditLot>().Where(l => l.ExpiredAt == null && l.ExpiresAt <= now).OrderBy(l => l.ExpiresAt).Take(Batch).ToListAsync(cancellationToken);
        foreach (var lot in due)
        {
            var lapsed = new Money(lot.Expire(now), lot.Currency);
            if (lapsed.AmountMinor > 0)
            {
                ledger.Post($"credits-expire:{lot.Id}", LedgerService.CreditExpiryKind, null, now,
                    LedgerLine.Debit(LedgerAccount.CreditsLiability, lapsed, lot.OwnerId),
                    LedgerLine.Credit(LedgerAccount.ExpiredCredits, lapsed));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return due.Count;
    }

    /// <summary>Warns up to a batch of owners at once about all their credit lapsing within the warning window.</summary>
    private async Task<int> WarnBatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var soon = now + Duration.FromDays(options.Value.ExpiryWarningDays);
        var owners = await db.Set<CreditLot>().Where(l => l.ExpiredAt == null && l.WarnedAt == null && l.RemainingMinor > 0 && l.ExpiresAt <= soon)
            .Select(l => l.OwnerId).Distinct().Take(Batch).ToListAsync(cancellationToken);
        if (owners.Count == 0)
        {
            return 0;
        }

        var lots = await db.Set<CreditLot>().Where(l => owners.Contains(l.OwnerId) && l.ExpiredAt == null && l.WarnedAt == null && l.RemainingMinor > 0 && l.ExpiresAt <= soon)
            .ToListAsync(cancellationToken);
        var people = await db.Users.Where(u => owners.Contains(u.Id)).Select(u => new { u.Id, u.Email, u.Name, u.Locale }).ToDictionaryAsync(u => u.Id, cancellationToken);
        foreach (var owned in lots.GroupBy(l => l.OwnerId))
        {
            var person = people[owned.Key];
            var culture = CultureInfo.GetCultureInfo(person.Locale);
            string Text(string key) => strings.Find($"mail.wallet.expiring.{key}", culture) ?? key;
            var amount = MoneyFormat.Format(new Money(owned.Sum(l => l.RemainingMinor), WalletOptions.Currency));
            var first = owned.Min(l => l.ExpiresAt).InUtc().Date.ToString("d MMMM uuuu", culture);
            outbox.Add(new MailDraft(person.Email!, string.Format(culture, Text("subject"), amount),
                string.Format(culture, Text("body"), person.Name, amount, first), null, "wallet.expiring"));
            foreach (var lot in owned)
            {
                lot.Warned(now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return owners.Count;
    }
}
