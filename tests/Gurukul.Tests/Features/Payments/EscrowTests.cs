using System.Net;
using Gurukul.Features.Ledger;
using Gurukul.Features.Payments;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Payments.TestPurchases;

namespace Gurukul.Tests.Features.Payments;

/// <summary>
/// Escrow: held from capture, released 70/30 by a job 48 h after the session (once, on the clock the test moves), held by a
/// dispute until staff settle it; refunds before and after release; and what mentors and staff read about it.
/// </summary>
public sealed class EscrowTests(ClockedPaymentsFixture fixture) : IClassFixture<ClockedPaymentsFixture>
{
    [Theory, AllProviders]
    public async Task Escrow_IsReleasedOnce48HoursAfterTheSession_ThePartialRefundTakenFromIt_AndTheRestSplit70To30(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor, purchaseId) = await PaidAsync(app, client, price: 100001);
        await Payments(app, p => p.RefundAsync(purchaseId, new Money(50000, "INR"), "cancelled 3 h before", "cancel", CancellationToken.None));

        Assert.True(await Payments(app, p => p.MarkCompletedAsync(purchaseId, fixture.Clock.GetCurrentInstant(), CancellationToken.None)));
        Assert.False(await Payments(app, p => p.MarkCompletedAsync(purchaseId, fixture.Clock.GetCurrentInstant(), CancellationToken.None)));
        fixture.Clock.Advance(Duration.FromHours(47));
        await Task.Delay(500);
        Assert.Equal(50001, await BalanceAsync(app, LedgerAccount.Escrow, mentor.Id));

        fixture.Clock.Advance(Duration.FromHours(1) + Duration.FromSeconds(1));
        await Poll.UntilAsync(async () => await BalanceAsync(app, LedgerAccount.Escrow, mentor.Id) == 0, "the escrow was released");

        // 70 % of 500.01 is 350.007: the mentor's share rounds to 350.01, the platform keeps the rest.
        Assert.Equal(35001, await BalanceAsync(app, LedgerAccount.MentorPayable, mentor.Id));
        Assert.Equal(1, await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<LedgerTransaction>().CountAsync(t => t.Reference.StartsWith("release:") && t.PurchaseId == purchaseId)));
        var payment = await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Payment>().AsNoTracking().SingleAsync(p => p.PurchaseId == purchaseId));
        Assert.Equal((35001L, 15000L), (payment.ReleasedToMentorMinor, payment.ReleasedToPlatformMinor));

        // The job is done; running the release again (a rerun after a lost lease) changes nothing.
        await WithAsync(app, async s => { await s.GetRequiredService<PaymentsService>().ReleaseEscrowAsync(payment.Id, CancellationToken.None); return true; });
        Assert.Equal(35001, await BalanceAsync(app, LedgerAccount.MentorPayable, mentor.Id));
        Assert.True((await WithAsync(app, s => s.GetRequiredService<LedgerService>().CheckAsync(CancellationToken.None))).Balanced);

        // Two days on, the mentor signs in again (access tokens last an hour).
        var login = await (await client.PostAsync("/api/v1/auth/login", new { email = mentor.Email, password = ApiClient.Password })).JsonAsync(HttpStatusCode.OK);
        var earnings = await (await client.GetAsync("/api/v1/me/earnings", login.GetProperty("accessToken").GetString()!)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((0L, 35001L, 0L), (earnings.GetProperty("inEscrow").Minor(), earnings.GetProperty("available").Minor(), earnings.GetProperty("paidOut").Minor()));
        var item = Assert.Single(earnings.GetProperty("items").EnumerateArray());
        Assert.Equal((purchaseId, 50001L, 15000L, 35001L, "available"), (item.GetProperty("bookingId").GetString(), item.GetProperty("gross").Minor(),
            item.GetProperty("platformFee").Minor(), item.GetProperty("net").Minor(), item.GetProperty("status").GetString()));
        var monday = NodaTime.Text.LocalDatePattern.Iso.Parse(earnings.GetProperty("nextPayoutOn").GetString()!).Value;
        Assert.Equal(IsoDayOfWeek.Monday, monday.DayOfWeek);
    }

    [Theory, AllProviders]
    public async Task ADispute_HoldsTheEscrowPastTheWindow_AndSettlingItRefundsThenReleasesTheRestAtOnce(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (_, mentor, purchaseId) = await PaidAsync(app, client);
        await Payments(app, p => p.MarkCompletedAsync(purchaseId, fixture.Clock.GetCurrentInstant(), CancellationToken.None));
        Assert.True(await Payments(app, p => p.OpenDisputeAsync(purchaseId, CancellationToken.None)));

        fixture.Clock.Advance(Duration.FromHours(49));
        var paymentId = (await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Payment>().SingleAsync(p => p.PurchaseId == purchaseId))).Id.ToString();
        await Poll.UntilAsync(() => WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Job>()
            .AnyAsync(j => j.Kind == PaymentJobs.ReleaseEscrow && j.Status == JobStatus.Succeeded && j.Payload.Contains(paymentId))),
            "the release job ran");
        Assert.Equal(Price, await BalanceAsync(app, LedgerAccount.Escrow, mentor.Id));

        var refund = await Payments(app, p => p.SettleDisputeAsync(purchaseId, new Money(20000, "INR"), "half the session was lost", "settle", CancellationToken.None));
        var again = await Payments(app, p => p.SettleDisputeAsync(purchaseId, new Money(20000, "INR"), "half the session was lost", "settle", CancellationToken.None));

        Assert.Equal(refund!.Id, again!.Id);
        Assert.Equal(0, await BalanceAsync(app, LedgerAccount.Escrow, mentor.Id));
        Assert.Equal(42000, await BalanceAsync(app, LedgerAccount.MentorPayable, mentor.Id));
    }

    [Theory, AllProviders]
    public async Task ARefundAfterRelease_ReversesFromTheMentorAndThePlatformInProportion(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor, purchaseId) = await PaidAsync(app, client);
        await Payments(app, p => p.OpenDisputeAsync(purchaseId, CancellationToken.None));
        await Payments(app, p => p.SettleDisputeAsync(purchaseId, new Money(0, "INR"), "no refund", "settle", CancellationToken.None));
        Assert.Equal(56000, await BalanceAsync(app, LedgerAccount.MentorPayable, mentor.Id));

        await Payments(app, p => p.RefundAsync(purchaseId, new Money(10000, "INR"), "goodwill", "goodwill", CancellationToken.None));

        Assert.Equal(49000, await BalanceAsync(app, LedgerAccount.MentorPayable, mentor.Id));
        Assert.Equal(10000, await BalanceAsync(app, LedgerAccount.Refunds, student.Id));
        var (staff, _) = await app.StaffTokenAsync(client);
        var check = await (await client.GetAsync("/api/v1/admin/ledger/check", staff)).JsonAsync(HttpStatusCode.OK);
        Assert.True(check.GetProperty("balanced").GetBoolean());
        Assert.True(check.GetProperty("transactions").GetInt32() >= 3);
        Assert.Contains(check.GetProperty("accounts").EnumerateArray(), a => a.GetProperty("account").GetString() == "platform_revenue");
    }

    [Theory, AllProviders]
    public async Task FinanceSummary_AddsUpTheDaysAsked_InOneCurrency(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (staff, _) = await app.StaffTokenAsync(client);
        var today = fixture.Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]).Date;
        var day = NodaTime.Text.LocalDatePattern.Iso.Format(today);
        var before = await (await client.GetAsync($"/api/v1/admin/finance/summary?from={day}&to={day}", staff)).JsonAsync(HttpStatusCode.OK);

        var (_, _, purchaseId) = await PaidAsync(app, client);
        await Payments(app, p => p.RefundAsync(purchaseId, new Money(30000, "INR"), "partial", "partial", CancellationToken.None));

        var after = await (await client.GetAsync($"/api/v1/admin/finance/summary?from={day}&to={day}&currency=inr", staff)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("INR", after.GetProperty("currency").GetString());
        Assert.Equal(Price, after.GetProperty("gross").Minor() - before.GetProperty("gross").Minor());
        Assert.Equal(30000, after.GetProperty("refunds").Minor() - before.GetProperty("refunds").Minor());
        Assert.Equal(Price - 30000, after.GetProperty("inEscrow").Minor() - before.GetProperty("inEscrow").Minor());
        var bad = await (await client.GetAsync("/api/v1/admin/finance/summary?from=yesterday&to=2020-01-01&currency=XYZ", staff)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["currency", "from"], bad.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    private static async Task<(Party Student, Party Mentor, string PurchaseId)> PaidAsync(GurukulApp app, HttpClient client, long price = Price)
    {
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor, price: price);
        await (await PlaySandboxAsync(client, student, checkout.Id, "succeeded")).JsonAsync(HttpStatusCode.OK);
        return (student, mentor, (await PaymentAsync(app, checkout.Id)).PurchaseId);
    }

    private static Task<T> Payments<T>(GurukulApp app, Func<PaymentsService, Task<T>> use) => WithAsync(app, s => use(s.GetRequiredService<PaymentsService>()));

    private static Task<long> BalanceAsync(GurukulApp app, LedgerAccount account, string party) =>
        WithAsync(app, s => s.GetRequiredService<LedgerService>().BalanceAsync(account, party, "INR", CancellationToken.None));
}
