using Gurukul.Features.Audit;
using Gurukul.Features.Ledger;
using Gurukul.Features.Payments;
using Gurukul.Features.Payouts;
using Gurukul.Features.Wallet;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Tests.Features.Payments;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Payments.TestPurchases;

namespace Gurukul.Tests.Features.Payouts;

/// <summary>
/// The ledger property test extended with payouts and wallet credit: random, seeded sequences of checkouts (some paying with
/// credit), payments, failures, refunds, releases, payout methods (some failing), weekly runs, sends, retries, and months passing
/// (credit lapsing). After every step: every transaction sums to zero; no mentor's in-flight or paid-out balance is negative, nor
/// their available balance beyond what refunds after release took back, and together they equal what the mentor's payments released to them; the payout rows agree with the in-flight and
/// paid-out accounts; every wallet holds exactly what its unexpired credit grants have left, never less than zero.
/// </summary>
public sealed class PayoutLedgerPropertyTests(PayoutsFixture fixture) : IClassFixture<PayoutsFixture>
{
    private const int Steps = 300;
    private static readonly ClientInfo Client = new("127.0.0.1", "property test");

    [Theory, AllProviders]
    public async Task RandomSequencesWithPayoutsAndCredits_KeepEveryLedgerInvariant(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var seed = provider == DatabaseProvider.Sqlite ? 3013 : 3012;
        var random = new Random(seed);
        var students = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => StudentAsync(client)));
        var mentors = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => MentorAsync(client)));
        var purchases = new List<(string PurchaseId, string PaymentId, Party Student)>();
        var (runs, sent) = (0, 0);
        foreach (var mentor in mentors)
        {
            await SetMethodAsync(app, mentor, $"{mentor.Id[..8]}@okaxis");
        }

        for (var step = 0; step < Steps; step++)
        {
            var action = purchases.Count == 0 ? "start"
                : Pick(random, "start", "start", "pay", "pay", "pay", "fail", "refund", "release", "release", "release", "release", "method", "week", "send", "retry", "months");
            // Each action picks among the purchases it can act on, so few steps are wasted.
            var ids = purchases.Select(b => Guid.Parse(b.PaymentId)).ToList();
            var payments = await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Payment>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync());
            var now = fixture.Clock.GetCurrentInstant();
            var candidates = payments.Where(p => action switch
            {
                "pay" or "fail" => p.IsOpen(now),
                // Refunds after release (clawed back from the mentor) are the rarer kind.
                "refund" => p.RefundableMinor > 0 && (p.ReleasedAt is null || random.Next(4) == 0),
                "release" => p.IsPaid && p.ReleasedAt is null,
                _ => true,
            }).ToList();
            var payment = candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];
            var (purchaseId, paymentId, student) = payment is null ? default : purchases.Single(b => b.PaymentId == payment.Id.ToString());
            var what = $"seed {seed}, step {step}: {action} {purchaseId}";
            switch (action)
            {
                case "start":
                    var buyer = students[random.Next(students.Length)];
                    var price = random.Next(100, 600_000);
                    var started = await WithAsync(app, s => s.GetRequiredService<PaymentsService>().StartCheckoutAsync(new Purchase(
                        TestPurchaseListener.PurchaseKind, Guid.NewGuid().ToString(), buyer.Id, mentors[random.Next(mentors.Length)].Id, new Money(price, "INR"),
                        "session", fixture.Clock.GetCurrentInstant() + Duration.FromMinutes(10), "/payments", UseCredits: random.Next(2) == 0), CancellationToken.None));
                    purchases.Add(((await PaymentAsync(app, started.Id)).PurchaseId, started.Id, buyer));
                    break;
                case "pay" or "fail" when payment is not null:
                    await WithAsync(app, s => s.GetRequiredService<ProviderCheckouts>().PlaySandboxAsync(student.Id, paymentId!, action == "pay" ? "succeeded" : "failed", CancellationToken.None));
                    break;
                case "refund" when payment is not null:
                    var amount = random.Next(3) == 0 ? payment.RefundableMinor : random.NextInt64(1, payment.RefundableMinor + 1);
                    await Payments(app, p => p.RefundAsync(purchaseId, new Money(amount, "INR"), "property", $"refund-{step}", CancellationToken.None));
                    break;
                case "release" when payment is not null:
                    await Payments(app, p => p.OpenDisputeAsync(purchaseId, CancellationToken.None));
                    await Payments(app, p => p.SettleDisputeAsync(purchaseId, new Money(random.NextInt64(0, payment.RefundableMinor / 2 + 1), "INR"), "property", $"settle-{step}", CancellationToken.None));
                    break;
                case "method":
                    var mentor = mentors[random.Next(mentors.Length)];
                    await SetMethodAsync(app, mentor, random.Next(3) == 0 ? $"m{step}@fail" : $"m{step}@okaxis");
                    break;
                case "week":
                    fixture.Clock.Advance(Duration.FromDays(7));
                    await WithAsync(app, s => s.GetRequiredService<PayoutsService>().RunAsync(null, null, null, CancellationToken.None));
                    runs++;
                    break;
                case "send":
                    await TestPayouts.SendPendingAsync(app);
                    sent++;
                    break;
                case "retry":
                    var failed = await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Payout>().Where(p => p.Status == PayoutStatus.Failed)
                        .Select(p => p.Id).ToListAsync());
                    if (failed.Count > 0)
                    {
                        try
                        {
                            await WithAsync(app, s => s.GetRequiredService<PayoutsService>().RetryAsync(failed[random.Next(failed.Count)].ToString(), "staff", Client, CancellationToken.None));
                        }
                        catch (ConflictException)
                        {
                            // Not enough available any more (a refund after release took some back): staff are told, nothing moves.
                        }
                    }

                    break;
                case "months":
                    fixture.Clock.Advance(Duration.FromDays(random.Next(30, 120)));
                    await WithAsync(app, async s => { await ActivatorUtilities.CreateInstance<CreditExpiryJob>(s).RunAsync(CancellationToken.None); return true; });
                    break;
                default:
                    continue;
            }

            await AssertInvariantsAsync(app, mentors, students, what);
        }

        var payouts = await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Payout>().GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.True(runs > 5 && sent > 5, "the sequences ran and sent payouts");
        Assert.True(payouts.Where(p => p.Key == PayoutStatus.Paid).Sum(p => p.Count) >= 3,
            $"and paid some: {string.Join(", ", payouts.Select(p => $"{p.Key} {p.Count}"))} after {runs} runs, {sent} sends; {await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Payment>().CountAsync(p => p.ReleasedAt != null))} released, {await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Payment>().CountAsync(p => p.Status == PaymentStatus.Succeeded))} paid, {purchases.Count} started; available {string.Join(" ", await Task.WhenAll(mentors.Select(m => TestPayouts.BalanceAsync(app, LedgerAccount.MentorPayable, m.Id))))}");
        Assert.True(await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<LedgerTransaction>().AnyAsync(t => t.Kind == LedgerService.PayoutReturnedKind)),
            "and saw some fail and come back");
    }

    private static async Task AssertInvariantsAsync(GurukulApp app, Party[] mentors, Party[] students, string what)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        var check = await scope.ServiceProvider.GetRequiredService<LedgerService>().CheckAsync(CancellationToken.None);
        Assert.True(check.Balanced, $"{what}: unbalanced transactions {string.Join(", ", check.UnbalancedTransactions)}");

        var parties = mentors.Concat(students).Select(p => p.Id).ToList();
        var balances = await db.Set<LedgerEntry>().Where(e => e.PartyId != null && parties.Contains(e.PartyId))
            .GroupBy(e => new { e.PartyId, e.Account }).Select(g => new { g.Key.PartyId, g.Key.Account, Sum = g.Sum(e => e.AmountMinor) }).ToListAsync();
        long Balance(string party, LedgerAccount account) => account.Natural(balances.Where(b => b.PartyId == party && b.Account == account).Sum(b => b.Sum));

        foreach (var mentor in mentors)
        {
            var (available, inFlight, paidOut) = (Balance(mentor.Id, LedgerAccount.MentorPayable), Balance(mentor.Id, LedgerAccount.PayoutsInFlight),
                Balance(mentor.Id, LedgerAccount.MentorPaidOut));
            var released = await db.Set<Payment>().Where(p => p.PayeeId == mentor.Id).SumAsync(p => p.ReleasedToMentorMinor - p.ReversedFromMentorMinor);
            var clawedBack = await db.Set<Payment>().Where(p => p.PayeeId == mentor.Id).SumAsync(p => p.ReversedFromMentorMinor);
            var payouts = await db.Set<Payout>().Where(p => p.MentorId == mentor.Id).GroupBy(p => p.Status).Select(g => new { g.Key, Sum = g.Sum(p => p.AmountMinor) }).ToListAsync();
            // A refund after the mentor was paid takes back from what they have available, below zero if need be: later earnings
            // settle it first (docs/adr/0030). Nothing else makes it negative.
            Assert.True(available >= -clawedBack && inFlight >= 0 && paidOut >= 0,
                $"{what}: mentor {mentor.Id} has {available} available (clawed back {clawedBack}), {inFlight} in flight, {paidOut} paid out");
            Assert.True(available + inFlight + paidOut == released, $"{what}: mentor {mentor.Id}: {available} + {inFlight} + {paidOut} ≠ released {released}");
            Assert.Equal((payouts.Where(p => p.Key == PayoutStatus.Pending).Sum(p => p.Sum), payouts.Where(p => p.Key == PayoutStatus.Paid).Sum(p => p.Sum)), (inFlight, paidOut));
        }

        foreach (var student in students)
        {
            var wallet = Balance(student.Id, LedgerAccount.CreditsLiability);
            var lots = await db.Set<CreditLot>().Where(l => l.OwnerId == student.Id && l.ExpiredAt == null).SumAsync(l => l.RemainingMinor);
            Assert.True(wallet >= 0 && Balance(student.Id, LedgerAccount.CreditsReserved) >= 0, $"{what}: student {student.Id} holds {wallet}");
            Assert.True(wallet == lots, $"{what}: student {student.Id} wallet {wallet} ≠ credit left in grants {lots}");
        }
    }

    private static Task<PayoutMethodDto> SetMethodAsync(GurukulApp app, Party mentor, string upiId) => WithAsync(app, s =>
        s.GetRequiredService<PayoutMethods>().ChangeAsync(mentor.Id, new PayoutMethodRequest("upi", upiId, Password: ApiClient.Password), Client, CancellationToken.None));

    private static Task<T> Payments<T>(GurukulApp app, Func<PaymentsService, Task<T>> use) => WithAsync(app, s => use(s.GetRequiredService<PaymentsService>()));

    private static string Pick(Random random, params string[] actions) => actions[random.Next(actions.Length)];
}
