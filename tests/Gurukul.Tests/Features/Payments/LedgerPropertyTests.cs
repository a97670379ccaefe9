using Gurukul.Features.Ledger;
using Gurukul.Features.Payments;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Payments.TestPurchases;

namespace Gurukul.Tests.Features.Payments;

/// <summary>
/// Random sequences of what can happen to purchases (checkout, fail, pay, seller rejection, partial and full refunds, completion
/// and release, dispute and settlement, expiry, refunds asking too much), interleaved across purchases and seeded so a failure
/// reproduces. After every step: every ledger transaction sums to zero, no purchase's escrow is negative, no purchase got
/// back more than was captured, refunds + mentor payable + platform revenue + escrow = money captured, and the ledger agrees
/// with a model of what should have happened. The booking helper extends this to whole booking sequences.
/// </summary>
public sealed class LedgerPropertyTests(DrivenPaymentsFixture fixture) : IClassFixture<DrivenPaymentsFixture>
{
    private const int Purchases = 40;
    private const int Steps = 240;

    [Theory, AllProviders]
    public async Task RandomSequences_KeepEveryLedgerInvariant(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var seed = provider == DatabaseProvider.Sqlite ? 2411 : 2412;
        var random = new Random(seed);
        var students = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => StudentAsync(client)));
        var mentors = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => MentorAsync(client)));
        var model = new List<ModelPurchase>();
        var log = app.Services.GetRequiredService<TestPurchaseLog>();

        for (var step = 0; step < Steps; step++)
        {
            var open = model.Where(p => !p.Closed).ToList();
            var action = open.Count == 0 || (model.Count < Purchases && random.Next(4) == 0) ? "start" : Pick(random, "fail", "pay", "pay", "refund", "refund", "release", "dispute", "expire", "too-much");
            var purchase = action == "start" ? null : open[random.Next(open.Count)];
            var what = $"seed {seed}, step {step}: {action} {purchase?.PurchaseId}";
            switch (action)
            {
                case "start":
                    var price = random.Next(100, 250_000);
                    var started = new ModelPurchase(Guid.NewGuid().ToString(), students[random.Next(students.Length)], mentors[random.Next(mentors.Length)], price);
                    if (random.Next(8) == 0)
                    {
                        log.Rejects[started.PurchaseId] = true;
                        started.Rejected = true;
                    }

                    started.PaymentId = (await StartAsync(app, started.Student, started.Mentor, started.PurchaseId, price)).Id;
                    model.Add(started);
                    break;
                case "fail" when !purchase!.Paid:
                    await PlayAsync(app, purchase, "failed");
                    break;
                case "pay" when !purchase!.Paid:
                    await PlayAsync(app, purchase, "succeeded");
                    purchase.Paid = true;
                    purchase.Refunded = purchase.Rejected ? purchase.Price : 0;
                    break;
                case "refund" when purchase!.Refundable > 0:
                    var amount = random.Next(3) == 0 ? purchase.Refundable : random.NextInt64(1, purchase.Refundable + 1);
                    await Payments(app, p => p.RefundAsync(purchase.PurchaseId, new Money(amount, "INR"), "property", $"refund-{step}", CancellationToken.None));
                    if (purchase.Released)
                    {
                        var fromMentor = Payment.Proportion(amount, purchase.MentorHolds, purchase.MentorHolds + purchase.PlatformHolds);
                        purchase.MentorHolds -= fromMentor;
                        purchase.PlatformHolds -= amount - fromMentor;
                    }

                    purchase.Refunded += amount;
                    break;
                case "too-much" when purchase!.Paid:
                    await Assert.ThrowsAsync<ConflictException>(() => Payments(app, p => p.RefundAsync(purchase.PurchaseId,
                        new Money(purchase.Refundable + 1, "INR"), "property", $"too-much-{step}", CancellationToken.None)));
                    break;
                case "release" when purchase!.Paid && !purchase.Released:
                    var now = app.Services.GetRequiredService<IClock>().GetCurrentInstant();
                    await Payments(app, p => p.MarkCompletedAsync(purchase.PurchaseId, now - Duration.FromHours(49), CancellationToken.None));
                    await Payments(app, async p => { await p.ReleaseEscrowAsync(Guid.Parse(purchase.PaymentId), CancellationToken.None); return true; });
                    purchase.Release();
                    break;
                case "dispute" when purchase!.Paid && !purchase.Released:
                    var settle = random.NextInt64(0, purchase.Refundable + 1);
                    await Payments(app, p => p.OpenDisputeAsync(purchase.PurchaseId, CancellationToken.None));
                    await Payments(app, p => p.SettleDisputeAsync(purchase.PurchaseId, new Money(settle, "INR"), "property", $"settle-{step}", CancellationToken.None));
                    purchase.Refunded += settle;
                    purchase.Release();
                    break;
                case "expire" when !purchase!.Paid:
                    await WithAsync(app, async s => { await s.GetRequiredService<PaymentEvents>().ExpireAsync(Guid.Parse(purchase.PaymentId), CancellationToken.None); return true; });
                    purchase.Closed = true;
                    break;
                default:
                    continue;
            }

            await AssertInvariantsAsync(app, model, what);
        }

        Assert.True(model.Count(p => p.Paid) > 10, "the sequences paid for a good number of purchases");
        Assert.True(model.Count(p => p.Released) > 5, "and released a good number");
    }

    private static async Task AssertInvariantsAsync(GurukulApp app, List<ModelPurchase> model, string what)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        var check = await scope.ServiceProvider.GetRequiredService<LedgerService>().CheckAsync(CancellationToken.None);
        Assert.True(check.Balanced, $"{what}: unbalanced transactions {string.Join(", ", check.UnbalancedTransactions)}");

        var ids = model.Select(p => p.PurchaseId).ToList();
        var perPurchase = await db.Set<LedgerEntry>().Where(e => e.PurchaseId != null && ids.Contains(e.PurchaseId))
            .GroupBy(e => new { e.PurchaseId, e.Account })
            .Select(g => new { g.Key.PurchaseId, g.Key.Account, Sum = g.Sum(e => e.AmountMinor) })
            .ToListAsync();
        long Natural(string purchaseId, LedgerAccount account) => account.Natural(perPurchase.Where(r => r.PurchaseId == purchaseId && r.Account == account).Sum(r => r.Sum));

        foreach (var p in model)
        {
            var captured = p.Paid ? p.Price : 0;
            var (escrow, refunds, payable, revenue) = (Natural(p.PurchaseId, LedgerAccount.Escrow), Natural(p.PurchaseId, LedgerAccount.Refunds),
                Natural(p.PurchaseId, LedgerAccount.MentorPayable), Natural(p.PurchaseId, LedgerAccount.PlatformRevenue));
            Assert.True(escrow >= 0, $"{what}: escrow of {p.PurchaseId} is {escrow}");
            Assert.True(refunds <= captured, $"{what}: {p.PurchaseId} got back {refunds} of {captured}");
            Assert.True(refunds + payable + revenue + escrow == captured, $"{what}: {p.PurchaseId} refunds {refunds} + payable {payable} + revenue {revenue} + escrow {escrow} ≠ captured {captured}");
            Assert.Equal((p.Refunded, p.Released ? 0 : captured - p.Refunded), (refunds, escrow));
            Assert.Equal((p.MentorHolds, p.PlatformHolds), (payable, revenue));
        }
    }

    private static Task<PaymentView> PlayAsync(GurukulApp app, ModelPurchase purchase, string outcome) =>
        WithAsync(app, s => s.GetRequiredService<ProviderCheckouts>().PlaySandboxAsync(purchase.Student.Id, purchase.PaymentId, outcome, CancellationToken.None));

    private static Task<T> Payments<T>(GurukulApp app, Func<PaymentsService, Task<T>> use) => WithAsync(app, s => use(s.GetRequiredService<PaymentsService>()));

    private static string Pick(Random random, params string[] actions) => actions[random.Next(actions.Length)];

    /// <summary>What should have happened to one purchase, kept independently of the code under test.</summary>
    private sealed class ModelPurchase(string purchaseId, Party student, Party mentor, long price)
    {
        public string PurchaseId => purchaseId;
        public Party Student => student;
        public Party Mentor => mentor;
        public long Price => price;
        public string PaymentId { get; set; } = "";
        public bool Rejected { get; set; }
        public bool Paid { get; set; }
        public bool Released { get; private set; }
        public bool Closed { get; set; }
        public long Refunded { get; set; }
        public long MentorHolds { get; set; }
        public long PlatformHolds { get; set; }
        public long Refundable => Paid ? Price - Refunded : 0;

        /// <summary>70 % of what is left to the mentor, rounded to the nearest paisa with halves to the mentor.</summary>
        public void Release()
        {
            var kept = Price - Refunded;
            MentorHolds = (kept * 70 * 2 + 100) / 200;
            PlatformHolds = kept - MentorHolds;
            Released = true;
        }
    }
}
