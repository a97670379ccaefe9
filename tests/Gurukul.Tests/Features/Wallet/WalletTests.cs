using System.Net;
using System.Text.Json;
using Gurukul.Features.Ledger;
using Gurukul.Features.Payments;
using Gurukul.Features.Wallet;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Payments;
using Gurukul.Tests.Features.Payouts;
using Gurukul.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Payments.TestPurchases;
using static Gurukul.Tests.Features.Payouts.TestPayouts;

namespace Gurukul.Tests.Features.Wallet;

/// <summary>
/// Wallet credit on the ledger: the starter credit, spending it at checkout and getting it back with a refund, expiry after twelve
/// months with one warning mail 30 days before, and referral rewards with their fraud limits. Every move keeps the ledger balanced.
/// </summary>
public sealed class WalletTests(PayoutsFixture fixture) : IClassFixture<PayoutsFixture>
{
    [Theory, AllProviders]
    public async Task ANewStudent_StartsWithTheStarterCredit_ForTwelveMonths_AndAMentorWithNone(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);
        var mentor = await MentorAsync(client);

        var wallet = await WalletAsync(client, student);
        Assert.Equal((10000L, 0L), (wallet.GetProperty("balance").Minor(), wallet.GetProperty("expiringSoon").Minor()));
        var entry = Assert.Single(wallet.GetProperty("entries").EnumerateArray());
        Assert.Equal(("starter", 10000L), (entry.GetProperty("kind").GetString(), entry.GetProperty("amount").Minor()));
        var granted = entry.GetProperty("createdAt").GetDateTime();
        Assert.Equal(granted.AddYears(1), entry.GetProperty("expiresAt").GetDateTime());

        var none = await WalletAsync(client, mentor);
        Assert.Equal(0, none.GetProperty("balance").Minor());
        Assert.Empty(none.GetProperty("entries").EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me/wallet")).StatusCode);
    }

    [Theory, AllProviders]
    public async Task Credit_PaysPartOfACheckout_AndARefundGivesThatPartBackAsCredit(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));

        var checkout = await StartWithCreditsAsync(app, student, mentor, 80000);
        Assert.Equal(70000, checkout.Amount.AmountMinor);
        Assert.Equal(10000, checkout.Credits!.AmountMinor);
        Assert.Equal(0, (await WalletAsync(client, student)).GetProperty("balance").Minor());
        await (await PlaySandboxAsync(client, student, checkout.Id, "succeeded")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(80000, await BalanceAsync(app, LedgerAccount.Escrow, mentor.Id));

        var purchaseId = (await PaymentAsync(app, checkout.Id)).PurchaseId;
        await WithAsync(app, s => s.GetRequiredService<PaymentsService>().RefundAsync(purchaseId, new Money(80000, "INR"), "mentor cancelled", "cancel", CancellationToken.None));

        var wallet = await WalletAsync(client, student);
        Assert.Equal(10000, wallet.GetProperty("balance").Minor());
        Assert.Equal(["refund", "spent", "starter"], wallet.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(-10000, wallet.GetProperty("entries")[1].GetProperty("amount").Minor());
        Assert.Equal(70000, await BalanceAsync(app, LedgerAccount.Refunds, student.Id));
        Assert.Equal(0, await BalanceAsync(app, LedgerAccount.Escrow, mentor.Id));
        Assert.True(await LedgerBalancedAsync(app));
    }

    [Theory, AllProviders]
    public async Task ACheckoutCreditCoversEntirely_IsPaidAtOnceWithoutAProvider(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));

        var checkout = await StartWithCreditsAsync(app, student, mentor, 6000);

        Assert.Equal(("succeeded", 0L), (checkout.Status, checkout.Amount.AmountMinor));
        Assert.Equal(6000, await BalanceAsync(app, LedgerAccount.Escrow, mentor.Id));
        Assert.Equal(4000, (await WalletAsync(client, student)).GetProperty("balance").Minor());
        Assert.True(await LedgerBalancedAsync(app));
    }

    [Theory, AllProviders]
    public async Task Credit_IsWarnedAbout30DaysBefore_Once_AndLapsesAfterTwelveMonths(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var student = await StudentAsync(client);

        fixture.Clock.Advance(Duration.FromDays(366 - 20));
        await ExpireAsync(app);
        await ExpireAsync(app);
        Assert.Equal(1, await MailsAsync(app, student.Email, "wallet.expiring"));
        student = await SignInAsync(client, student);
        Assert.Equal(10000, (await WalletAsync(client, student)).GetProperty("expiringSoon").Minor());

        fixture.Clock.Advance(Duration.FromDays(21));
        await ExpireAsync(app);

        var wallet = await WalletAsync(client, await SignInAsync(client, student));
        Assert.Equal((0L, 0L), (wallet.GetProperty("balance").Minor(), wallet.GetProperty("expiringSoon").Minor()));
        var expired = wallet.GetProperty("entries")[0];
        Assert.Equal(("expired", -10000L), (expired.GetProperty("kind").GetString(), expired.GetProperty("amount").Minor()));
        Assert.Equal(1, await MailsAsync(app, student.Email, "wallet.expiring"));
        Assert.True(await LedgerBalancedAsync(app));
    }

    [Theory, AllProviders]
    public async Task AReferral_RewardsBothSidesOnce_AfterTheReferredStudentsFirstPaidSession_OnlyWithAConfirmedEmail(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (referrer, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var link = await (await client.GetAsync("/api/v1/me/referral", referrer.Token)).JsonAsync(HttpStatusCode.OK);
        var code = link.GetProperty("code").GetString()!;
        Assert.EndsWith($"/account/sign-up?ref={code}", link.GetProperty("url").GetString());

        var referred = await ReferredAsync(client, code, ApiClient.NewEmail("friend"));
        await EarnAsync(app, client, referred, mentor, 80000);
        Assert.Equal(10000, (await WalletAsync(client, referred)).GetProperty("balance").Minor());

        await ConfirmEmailAsync(app, client, referred);
        await EarnAsync(app, client, referred, mentor, 80000);
        await EarnAsync(app, client, referred, mentor, 80000);

        Assert.Equal(35000, (await WalletAsync(client, referred)).GetProperty("balance").Minor());
        var wallet = await WalletAsync(client, referrer);
        Assert.Equal(35000, wallet.GetProperty("balance").Minor());
        Assert.Equal("referral", wallet.GetProperty("entries")[0].GetProperty("kind").GetString());
        var after = await (await client.GetAsync("/api/v1/me/referral", referrer.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((25000L, 1, 1, code), (after.GetProperty("rewardsEarned").Minor(), after.GetProperty("joined").GetInt32(), after.GetProperty("rewarded").GetInt32(),
            after.GetProperty("code").GetString()));
        Assert.True(await LedgerBalancedAsync(app));
    }

    [Theory, AllProviders]
    public async Task ReferralAbuse_TheSameInboxTheSessionsOwnMentorOrAnEmailRewardedBefore_EarnsNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var local = $"asha{Guid.NewGuid():N}"[..20];
        var referrer = await ReferrerAsync(client, $"{local}@gmail.com");
        var code = (await (await client.GetAsync("/api/v1/me/referral", referrer.Token)).JsonAsync(HttpStatusCode.OK)).GetProperty("code").GetString()!;
        var mentor = await MentorAsync(client);
        var mentorCode = (await (await client.GetAsync("/api/v1/me/referral", mentor.Token)).JsonAsync(HttpStatusCode.OK)).GetProperty("code").GetString()!;

        // The referrer's own inbox under another spelling.
        var self = await ReferredAsync(client, code, $"{local[..3]}.{local[3..]}+again@googlemail.com");
        // A student the mentor brought, paying that same mentor.
        var mentorsOwn = await ReferredAsync(client, mentorCode, ApiClient.NewEmail("pupil"));
        // An inbox rewarded once, back with a "+tag" through another referrer.
        var friendLocal = $"ravi{Guid.NewGuid():N}"[..20];
        var first = await ReferredAsync(client, code, $"{friendLocal}@gmail.com");
        var other = await StudentAsync(client, "Kiran");
        var otherCode = (await (await client.GetAsync("/api/v1/me/referral", other.Token)).JsonAsync(HttpStatusCode.OK)).GetProperty("code").GetString()!;
        var again = await ReferredAsync(client, otherCode, $"{friendLocal}+2@gmail.com");
        var unknown = await ReferredAsync(client, "NOSUCHCODE", ApiClient.NewEmail("stranger"));
        foreach (var student in new[] { self, mentorsOwn, first, again, unknown })
        {
            await ConfirmEmailAsync(app, client, student);
            await EarnAsync(app, client, student, mentor, 80000);
        }

        Assert.Equal(35000, (await WalletAsync(client, first)).GetProperty("balance").Minor());
        Assert.Equal(35000, (await WalletAsync(client, referrer)).GetProperty("balance").Minor());
        foreach (var refused in new[] { self, mentorsOwn, again, unknown, other })
        {
            Assert.Equal(10000, (await WalletAsync(client, refused)).GetProperty("balance").Minor());
        }

        Assert.Equal(0, (await WalletAsync(client, mentor)).GetProperty("balance").Minor());
        Assert.Equal(0, (await (await client.GetAsync("/api/v1/me/referral", other.Token)).JsonAsync(HttpStatusCode.OK)).GetProperty("rewardsEarned").Minor());
    }

    private static async Task<JsonElement> WalletAsync(HttpClient client, Party party) =>
        await (await client.GetAsync("/api/v1/me/wallet", party.Token)).JsonAsync(HttpStatusCode.OK);

    private Task<PaymentView> StartWithCreditsAsync(GurukulApp app, Party student, Party mentor, long price) => WithAsync(app, s =>
        s.GetRequiredService<PaymentsService>().StartCheckoutAsync(new Purchase(
            TestPurchaseListener.PurchaseKind, Guid.NewGuid().ToString(), student.Id, mentor.Id, new Money(price, "INR"), "60-minute session",
            fixture.Clock.GetCurrentInstant() + Duration.FromMinutes(10), "/payments", UseCredits: true), CancellationToken.None));

    private static Task<bool> ExpireAsync(GurukulApp app) => WithAsync(app, async s =>
    {
        await ActivatorUtilities.CreateInstance<CreditExpiryJob>(s).RunAsync(CancellationToken.None);
        return true;
    });

    private static async Task<Party> ReferrerAsync(HttpClient client, string email) => await RegisterAsync(client, email, null);

    private static async Task<Party> ReferredAsync(HttpClient client, string code, string email) => await RegisterAsync(client, email, code);

    private static async Task<Party> RegisterAsync(HttpClient client, string email, string? referralCode)
    {
        var body = await (await client.PostAsync("/api/v1/auth/register", new
        {
            email, password = ApiClient.Password, name = "Asha Rao", role = "student", dateOfBirth = "1999-04-02", referralCode,
        })).JsonAsync(HttpStatusCode.Created);
        return new Party(body.GetProperty("user").GetProperty("id").GetString()!, body.GetProperty("accessToken").GetString()!, email);
    }

    private static async Task ConfirmEmailAsync(GurukulApp app, HttpClient client, Party party) =>
        await (await client.PostAsync("/api/v1/auth/email/confirm", new { token = await app.MailedTokenAsync(party.Email, "account.confirm_email") }))
            .JsonAsync(HttpStatusCode.NoContent);
}
