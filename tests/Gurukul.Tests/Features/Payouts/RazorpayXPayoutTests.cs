using System.Net;
using System.Net.Http.Headers;
using Gurukul.Features.Ledger;
using Gurukul.Features.Payments.Providers;
using Gurukul.Features.Payouts.Providers;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Payments;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Gurukul.Tests.Features.Payouts.TestPayouts;

namespace Gurukul.Tests.Features.Payouts;

/// <summary>
/// Payouts through RazorpayX's stand-in: the mentor registered as a contact and fund account once, one idempotent payout per attempt,
/// and the outcome from signed webhooks: processed (paid, with the UTR), failed and reversed (the money available again, the mentor
/// told why); a replayed event or a bad signature changes nothing; RazorpayX down leaves the payout queued for the next try.
/// </summary>
public sealed class RazorpayXPayoutTests(RazorpayXPayoutsFixture fixture) : IClassFixture<RazorpayXPayoutsFixture>
{
    [Theory, AllProviders]
    public async Task APayout_IsSentToABankAccountByImps_AndPayoutProcessedMarksItPaidWithTheUtr_OnceEvenWhenReplayed(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await EarningMentorAsync(app, client, price: 150000);
        await (await PutMethodAsync(client, mentor, new
        {
            method = "bank", accountName = "Ravi Kumar", accountNumber = "50100012345678", ifsc = "HDFC0000123", password = ApiClient.Password,
        })).JsonAsync(HttpStatusCode.OK);
        var payoutId = await RunAndSendAsync(app, client, mentor);

        var sent = Assert.Single(fixture.RazorpayX.PayoutsFor(payoutId));
        Assert.Equal(("IMPS", 105000L, "processing"), (sent["mode"]!.GetValue<string>(), sent["amount"]!.GetValue<long>(), sent["status"]!.GetValue<string>()));
        var account = fixture.RazorpayX.FundAccounts.Single(a => a["id"]!.GetValue<string>() == sent["fund_account_id"]!.GetValue<string>());
        Assert.Equal(("bank_account", "HDFC0000123", "50100012345678"), (account["account_type"]!.GetValue<string>(),
            account["bank_account"]!["ifsc"]!.GetValue<string>(), account["bank_account"]!["account_number"]!.GetValue<string>()));
        mentor = await SignInAsync(client, mentor);
        Assert.Equal("pending", Assert.Single(await MyPayoutsAsync(client, mentor)).GetProperty("status").GetString());
        Assert.Equal(105000, await BalanceAsync(app, LedgerAccount.PayoutsInFlight, mentor.Id));

        var processed = fixture.RazorpayX.Process(sent["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(client, processed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(client, processed)).StatusCode);

        var paid = Assert.Single(await MyPayoutsAsync(client, mentor));
        Assert.Equal(("paid", sent["utr"]!.GetValue<string>()), (paid.GetProperty("status").GetString(), paid.GetProperty("reference").GetString()));
        Assert.Equal((0L, 105000L), (await BalanceAsync(app, LedgerAccount.PayoutsInFlight, mentor.Id), await BalanceAsync(app, LedgerAccount.MentorPaidOut, mentor.Id)));
        Assert.Equal(1, await TransactionsAsync(app, $"payout-paid:{payoutId}:"));
        Assert.True(await LedgerBalancedAsync(app));
    }

    [Theory, AllProviders]
    public async Task PayoutFailed_ReturnsTheMoneyAndMailsTheMentor_AndAReversalAfterPaymentReturnsItToo(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var failing = await EarningMentorAsync(app, client, price: 150000);
        var reversed = await EarningMentorAsync(app, client, price: 200000);
        await SetUpiAsync(client, failing, "ravi@okaxis");
        await SetUpiAsync(client, reversed, "meena@ybl");
        NextWeek(fixture.Clock);
        var (staff, _) = await app.StaffTokenAsync(client);
        await RunAsync(client, staff);
        await SendPendingAsync(app);
        var failedOne = Assert.Single(fixture.RazorpayX.PayoutsFor(await PayoutIdAsync(app, failing.Id)));
        var reversedOne = Assert.Single(fixture.RazorpayX.PayoutsFor(await PayoutIdAsync(app, reversed.Id)));
        Assert.Equal("UPI", failedOne["mode"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(client, fixture.RazorpayX.Fail(failedOne["id"]!.GetValue<string>()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(client, fixture.RazorpayX.Process(reversedOne["id"]!.GetValue<string>()))).StatusCode);
        Assert.Equal(140000, await BalanceAsync(app, LedgerAccount.MentorPaidOut, reversed.Id));
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(client, fixture.RazorpayX.Reverse(reversedOne["id"]!.GetValue<string>()))).StatusCode);

        Assert.Equal((105000L, 0L), (await BalanceAsync(app, LedgerAccount.MentorPayable, failing.Id), await BalanceAsync(app, LedgerAccount.PayoutsInFlight, failing.Id)));
        Assert.Equal((140000L, 0L), (await BalanceAsync(app, LedgerAccount.MentorPayable, reversed.Id), await BalanceAsync(app, LedgerAccount.MentorPaidOut, reversed.Id)));
        var failedView = Assert.Single(await MyPayoutsAsync(client, await SignInAsync(client, failing)));
        Assert.Equal(("failed", "Beneficiary bank is offline. Please retry after some time."),
            (failedView.GetProperty("status").GetString(), failedView.GetProperty("failureReason").GetString()));
        Assert.Equal("failed", Assert.Single(await MyPayoutsAsync(client, await SignInAsync(client, reversed))).GetProperty("status").GetString());
        Assert.Equal((1, 1), (await MailsAsync(app, failing.Email, "payouts.failed"), await MailsAsync(app, reversed.Email, "payouts.failed")));
        Assert.True(await LedgerBalancedAsync(app));

        // Staff send both again; the second attempt reuses the registered fund account and has an idempotency key of its own.
        foreach (var mentor in new[] { failing, reversed })
        {
            await (await SendAsync(client, HttpMethod.Post, $"/api/v1/admin/payouts/{await PayoutIdAsync(app, mentor.Id)}/retry", staff, null, Guid.NewGuid().ToString()))
                .JsonAsync(HttpStatusCode.OK);
        }

        await SendPendingAsync(app);
        var attempts = fixture.RazorpayX.PayoutsFor(await PayoutIdAsync(app, failing.Id));
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0]["fund_account_id"]!.GetValue<string>(), attempts[1]["fund_account_id"]!.GetValue<string>());
        Assert.Equal("2", attempts[1]["notes"]![RazorpayXPayouts.AttemptNote]!.GetValue<string>());

        // A late event about the first attempt is history: it changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(client, RazorpayXStandIn.Webhook("payout.processed", attempts[0]))).StatusCode);
        Assert.Equal(105000, await BalanceAsync(app, LedgerAccount.PayoutsInFlight, failing.Id));
    }

    [Theory, AllProviders]
    public async Task AWebhookWithABadSignature_Is400AndChangesNothing_AndAnUnknownProviderIs404(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await EarningMentorAsync(app, client, price: 150000);
        await SetUpiAsync(client, mentor, "ravi@okaxis");
        var payoutId = await RunAndSendAsync(app, client, mentor);
        var sent = Assert.Single(fixture.RazorpayX.PayoutsFor(payoutId));
        var genuine = fixture.RazorpayX.Process(sent["id"]!.GetValue<string>());
        var forged = RazorpayXStandIn.Webhook("payout.processed", sent, secret: "someone-elses-secret");

        var bad = await (await DeliverAsync(client, forged)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["signature"], bad.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var tampered = new SignedWebhook([.. genuine.Body.Select(b => b == (byte)'0' ? (byte)'1' : b)], genuine.Headers);
        await (await DeliverAsync(client, tampered)).JsonAsync(HttpStatusCode.BadRequest);
        await (await DeliverAsync(client, genuine, "paypal")).JsonAsync(HttpStatusCode.NotFound);

        Assert.Equal(105000, await BalanceAsync(app, LedgerAccount.PayoutsInFlight, mentor.Id));
        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(client, genuine)).StatusCode);
        Assert.Equal(105000, await BalanceAsync(app, LedgerAccount.MentorPaidOut, mentor.Id));
    }

    [Theory, AllProviders]
    public async Task RazorpayXDown_LeavesThePayoutQueued_AndTheNextSendPaysItOnce(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await EarningMentorAsync(app, client, price: 150000);
        await SetUpiAsync(client, mentor, "ravi@okaxis");
        NextWeek(fixture.Clock);
        await RunAsync(client, (await app.StaffTokenAsync(client)).AccessToken);
        var payoutId = await PayoutIdAsync(app, mentor.Id);

        fixture.RazorpayX.Down = true;
        try
        {
            await Assert.ThrowsAsync<PayoutProviderException>(() => SendPendingAsync(app));
        }
        finally
        {
            fixture.RazorpayX.Down = false;
        }

        Assert.Empty(fixture.RazorpayX.PayoutsFor(payoutId));
        Assert.Equal(105000, await BalanceAsync(app, LedgerAccount.PayoutsInFlight, mentor.Id));
        await SendPendingAsync(app);
        await SendPendingAsync(app);
        Assert.Single(fixture.RazorpayX.PayoutsFor(payoutId));
    }

    private async Task<string> RunAndSendAsync(GurukulApp app, HttpClient client, Party mentor)
    {
        NextWeek(fixture.Clock);
        await RunAsync(client, (await app.StaffTokenAsync(client)).AccessToken);
        await SendPendingAsync(app);
        return await PayoutIdAsync(app, mentor.Id);
    }

    private static Task<string> PayoutIdAsync(GurukulApp app, string mentorId) => TestPurchases.WithAsync(app, async s =>
        (await s.GetRequiredService<GurukulDbContext>().Set<Gurukul.Features.Payouts.Payout>().Where(p => p.MentorId == mentorId).SingleAsync()).Id.ToString());

    private static Task<int> TransactionsAsync(GurukulApp app, string referencePrefix) => TestPurchases.WithAsync(app, s =>
        s.GetRequiredService<GurukulDbContext>().Set<LedgerTransaction>().CountAsync(t => t.Reference.StartsWith(referencePrefix)));

    private static Task<HttpResponseMessage> DeliverAsync(HttpClient client, SignedWebhook webhook, string provider = "razorpayx")
    {
        var content = new ByteArrayContent(webhook.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/payouts/webhooks/{provider}") { Content = content };
        foreach (var (name, value) in webhook.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }
}
