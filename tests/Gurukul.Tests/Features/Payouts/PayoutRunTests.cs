using System.Net;
using Gurukul.Features.Ledger;
using Gurukul.Platform.Data;
using Gurukul.Platform.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Gurukul.Tests.Features.Payments;
using Gurukul.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;
using Xunit;
using static Gurukul.Tests.Features.Payouts.TestPayouts;

namespace Gurukul.Tests.Features.Payouts;

/// <summary>
/// The weekly run with the sandbox provider: who is paid (a method and at least ₹1,000 available), that the money moves only as
/// balanced ledger transactions (available → in flight → paid out, or back to available when it fails), that a period is paid once,
/// and what mentors and staff read about it. Each test moves the clock a week on, so each pays a week of its own.
/// </summary>
public sealed class PayoutRunTests(PayoutsFixture fixture) : IClassFixture<PayoutsFixture>
{
    [Theory, AllProviders]
    public async Task WeeklyRun_PaysMentorsWithAMethodAndTheMinimum_AndRunningThePeriodAgainPaysNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var paid = await EarningMentorAsync(app, client, price: 150000);
        var belowMinimum = await EarningMentorAsync(app, client, price: 142800);
        var withoutMethod = await EarningMentorAsync(app, client, price: 150000);
        await SetUpiAsync(client, paid, "ravi.kumar@okaxis");
        await SetUpiAsync(client, belowMinimum, "meena@ybl");

        NextWeek(fixture.Clock);
        var (staff, _) = await app.StaffTokenAsync(client);
        var run = await RunAsync(client, staff);

        // 70 % of ₹1,500 is ₹1,050; 70 % of ₹1,428 is ₹999.60, under the minimum.
        Assert.Equal((1, 105000L), (run.GetProperty("created").GetInt32(), run.GetProperty("total").Minor()));
        var periodEnd = run.GetProperty("periodEnd").GetString()!;
        Assert.Equal(IsoDayOfWeek.Sunday, LocalDatePattern.Iso.Parse(periodEnd).Value.DayOfWeek);
        Assert.Equal((0L, 105000L), (await BalanceAsync(app, LedgerAccount.MentorPayable, paid.Id), await BalanceAsync(app, LedgerAccount.PayoutsInFlight, paid.Id)));
        Assert.Equal(99960, await BalanceAsync(app, LedgerAccount.MentorPayable, belowMinimum.Id));
        Assert.Equal(105000, await BalanceAsync(app, LedgerAccount.MentorPayable, withoutMethod.Id));

        var again = await RunAsync(client, staff, periodEnd);
        Assert.Equal((0, 0L), (again.GetProperty("created").GetInt32(), again.GetProperty("total").Minor()));

        await SendPendingAsync(app);
        var mentor = await SignInAsync(client, paid);
        var payout = Assert.Single(await MyPayoutsAsync(client, mentor));
        Assert.Equal(("paid", 105000L, periodEnd), (payout.GetProperty("status").GetString(), payout.GetProperty("amount").Minor(), payout.GetProperty("periodEnd").GetString()));
        Assert.StartsWith("SBX", payout.GetProperty("reference").GetString());
        Assert.Equal("ra****@okaxis", payout.GetProperty("method").GetString());
        Assert.Equal((0L, 105000L), (await BalanceAsync(app, LedgerAccount.PayoutsInFlight, paid.Id), await BalanceAsync(app, LedgerAccount.MentorPaidOut, paid.Id)));
        var earnings = await (await client.GetAsync("/api/v1/me/earnings", mentor.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((0L, 0L, 105000L), (earnings.GetProperty("inEscrow").Minor(), earnings.GetProperty("available").Minor(), earnings.GetProperty("paidOut").Minor()));
        Assert.Equal("paid_out", Assert.Single(earnings.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());

        Assert.Empty(await MyPayoutsAsync(client, await SignInAsync(client, belowMinimum)));
        Assert.Empty(await MyPayoutsAsync(client, await SignInAsync(client, withoutMethod)));
        Assert.True(await LedgerBalancedAsync(app));
    }

    [Theory, AllProviders]
    public async Task RunningWithTheSameIdempotencyKey_AnswersTheFirstRun_AndAnEmptyWeekCreatesNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await EarningMentorAsync(app, client, price: 200000);
        await SetUpiAsync(client, mentor, "ravi@okhdfcbank");
        NextWeek(fixture.Clock);
        var (staff, _) = await app.StaffTokenAsync(client);
        var key = Guid.NewGuid().ToString();

        var first = await RunAsync(client, staff, key: key);
        var replay = await RunAsync(client, staff, key: key);

        Assert.Equal(first.GetRawText(), replay.GetRawText());
        Assert.Equal(140000, first.GetProperty("total").Minor());
        Assert.Single(await MyPayoutsAsync(client, await SignInAsync(client, mentor)));
        NextWeek(fixture.Clock);
        Assert.Equal(0, (await RunAsync(client, (await app.StaffTokenAsync(client)).AccessToken)).GetProperty("created").GetInt32());
        Assert.Equal(140000, await BalanceAsync(app, LedgerAccount.PayoutsInFlight, mentor.Id));
    }

    [Theory, AllProviders]
    public async Task AFailedPayout_ReturnsTheMoneyToAvailable_TellsTheMentorWhy_AndStaffRetryToTheNewMethodPaysIt(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await EarningMentorAsync(app, client, price: 150000);
        await SetUpiAsync(client, mentor, "ravi@fail");
        NextWeek(fixture.Clock);
        var (staff, _) = await app.StaffTokenAsync(client);
        await RunAsync(client, staff);

        await SendPendingAsync(app);

        mentor = await SignInAsync(client, mentor);
        var failed = Assert.Single(await MyPayoutsAsync(client, mentor));
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("refused", failed.GetProperty("failureReason").GetString());
        Assert.Equal((105000L, 0L, 0L), (await BalanceAsync(app, LedgerAccount.MentorPayable, mentor.Id),
            await BalanceAsync(app, LedgerAccount.PayoutsInFlight, mentor.Id), await BalanceAsync(app, LedgerAccount.MentorPaidOut, mentor.Id)));
        Assert.Equal(1, await MailsAsync(app, mentor.Email, "payouts.failed"));
        var mail = await TestPurchases.WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<OutboxMail>().AsNoTracking()
            .SingleAsync(m => m.To == mentor.Email && m.Kind == "payouts.failed"));
        Assert.Equal("Your payout of ₹1,050 did not go through", mail.Subject);
        Assert.Contains("The beneficiary bank refused the UPI id (sandbox).", mail.TextBody);
        var listed = await (await client.GetAsync("/api/v1/admin/payouts?status=failed", staff)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), p => p.GetProperty("mentorId").GetString() == mentor.Id);

        var id = failed.GetProperty("id").GetString()!;
        await (await SendAsync(client, HttpMethod.Post, $"/api/v1/admin/payouts/{id}/retry", mentor.Token, null, Guid.NewGuid().ToString())).JsonAsync(HttpStatusCode.Forbidden);
        await SetUpiAsync(client, mentor, "ravi@okicici");
        var retried = await (await SendAsync(client, HttpMethod.Post, $"/api/v1/admin/payouts/{id}/retry", staff, null, Guid.NewGuid().ToString())).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("pending", retried.GetProperty("status").GetString());
        await SendPendingAsync(app);

        var paid = Assert.Single(await MyPayoutsAsync(client, mentor));
        Assert.Equal(("paid", "ra****@okicici"), (paid.GetProperty("status").GetString(), paid.GetProperty("method").GetString()));
        Assert.Equal((0L, 105000L), (await BalanceAsync(app, LedgerAccount.MentorPayable, mentor.Id), await BalanceAsync(app, LedgerAccount.MentorPaidOut, mentor.Id)));
        await (await SendAsync(client, HttpMethod.Post, $"/api/v1/admin/payouts/{id}/retry", staff, null, Guid.NewGuid().ToString())).JsonAsync(HttpStatusCode.Conflict);
        await (await SendAsync(client, HttpMethod.Post, $"/api/v1/admin/payouts/{Guid.NewGuid()}/retry", staff, null, Guid.NewGuid().ToString())).JsonAsync(HttpStatusCode.NotFound);
        await (await SendAsync(client, HttpMethod.Post, "/api/v1/admin/payouts/not-an-id/retry", staff, null, Guid.NewGuid().ToString())).JsonAsync(HttpStatusCode.NotFound);
        Assert.True(await LedgerBalancedAsync(app));
    }

    [Theory, AllProviders]
    public async Task FinanceSummary_PayoutFigures_ReconcileWithTheLedger(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await EarningMentorAsync(app, client, price: 300000);
        await SetUpiAsync(client, mentor, "ravi@oksbi");
        NextWeek(fixture.Clock);
        var (staff, _) = await app.StaffTokenAsync(client);
        var today = LocalDatePattern.Iso.Format(fixture.Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]).Date);
        var summaryPath = $"/api/v1/admin/finance/summary?from={today}&to={today}";
        var before = await (await client.GetAsync(summaryPath, staff)).JsonAsync(HttpStatusCode.OK);

        await RunAsync(client, staff);
        var pending = await (await client.GetAsync(summaryPath, staff)).JsonAsync(HttpStatusCode.OK);
        await SendPendingAsync(app);
        var after = await (await client.GetAsync(summaryPath, staff)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(210000, pending.GetProperty("payoutsPending").Minor() - before.GetProperty("payoutsPending").Minor());
        Assert.Equal(210000, after.GetProperty("payoutsPaid").Minor() - before.GetProperty("payoutsPaid").Minor());
        Assert.Equal(before.GetProperty("payoutsPending").Minor(), after.GetProperty("payoutsPending").Minor());
        var check = await (await client.GetAsync("/api/v1/admin/ledger/check", staff)).JsonAsync(HttpStatusCode.OK);
        long Account(string name) => check.GetProperty("accounts").EnumerateArray().Where(a => a.GetProperty("account").GetString() == name)
            .Sum(a => a.GetProperty("balance").Minor());
        Assert.Equal(Account("payouts_in_flight"), after.GetProperty("payoutsPending").Minor());
        Assert.Equal(Account("escrow"), after.GetProperty("inEscrow").Minor());
    }

    [Theory, AllProviders]
    public async Task Payouts_AreSeenOnlyByTheirMentor_AndTheConsoleOnlyByStaff(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await TestPurchases.StudentAsync(client);
        var mentor = await TestPurchases.MentorAsync(client);
        var (support, _) = await app.StaffTokenAsync(client, "support");

        await (await client.GetAsync("/api/v1/me/payouts", student.Token)).JsonAsync(HttpStatusCode.Forbidden);
        await (await PutMethodAsync(client, student, new { method = "upi", upiId = "asha@okaxis", password = ApiClient.Password })).JsonAsync(HttpStatusCode.Forbidden);
        await (await SendAsync(client, HttpMethod.Post, "/api/v1/admin/payouts/run", mentor.Token, new { }, Guid.NewGuid().ToString())).JsonAsync(HttpStatusCode.Forbidden);
        await (await SendAsync(client, HttpMethod.Post, "/api/v1/admin/payouts/run", support, new { }, Guid.NewGuid().ToString())).JsonAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/api/v1/admin/payouts", mentor.Token)).JsonAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/api/v1/admin/payouts", support)).JsonAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/admin/finance/summary", mentor.Token)).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me/payouts")).StatusCode);
        await (await client.GetAsync("/api/v1/me/payout-method", mentor.Token)).JsonAsync(HttpStatusCode.NotFound);
        Assert.Empty(await MyPayoutsAsync(client, mentor));
    }

    [Theory, AllProviders]
    public async Task Run_WithADayThatIsNotAPastSunday_Is400NamingPeriodEnd_AndABadStatusFilterNamesStatus(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (staff, _) = await app.StaffTokenAsync(client);
        var today = fixture.Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Kolkata"]).Date;
        var nextSunday = LocalDatePattern.Iso.Format(today.With(DateAdjusters.Next(IsoDayOfWeek.Sunday)));
        var lastSaturday = LocalDatePattern.Iso.Format(today.With(DateAdjusters.Previous(IsoDayOfWeek.Saturday)));

        foreach (var periodEnd in new[] { "2026-13-01", "last week", nextSunday, lastSaturday })
        {
            var bad = await (await SendAsync(client, HttpMethod.Post, "/api/v1/admin/payouts/run", staff, new { periodEnd }, Guid.NewGuid().ToString()))
                .JsonAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["periodEnd"], bad.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        var status = await (await client.GetAsync("/api/v1/admin/payouts?status=lost", staff)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["status"], status.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }
}
