using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Features.Ledger;
using Gurukul.Features.Payments;
using Gurukul.Features.Payouts;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Payments;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;
using static Gurukul.Tests.Features.Payments.TestPurchases;

namespace Gurukul.Tests.Features.Payouts;

/// <summary>
/// Payments and payouts on a clock the test moves, without a job runner: a test creates earnings, moves to the next week, runs the
/// payouts through the API and sends them itself, so no weekly job runs beside it.
/// </summary>
public class PayoutsFixture : PaymentsFixture
{
    public FakeClock Clock { get; } = new(SystemClock.Instance.GetCurrentInstant());

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Jobs:Enabled"] = "false";
        return settings;
    }

    protected override void Services(IServiceCollection services)
    {
        base.Services(services);
        services.Replace(ServiceDescriptor.Singleton<IClock>(Clock));
    }
}

/// <summary>Payouts through RazorpayX, spoken to through its local stand-in.</summary>
public sealed class RazorpayXPayoutsFixture : PayoutsFixture
{
    public RazorpayXStandIn RazorpayX { get; private set; } = null!;

    public override async Task InitializeAsync() => RazorpayX = await RazorpayXStandIn.StartAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await RazorpayX.DisposeAsync();
    }

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Payouts:Provider"] = PayoutProviders.RazorpayX;
        settings["Payouts:RazorpayX:KeyId"] = RazorpayXStandIn.KeyId;
        settings["Payouts:RazorpayX:KeySecret"] = RazorpayXStandIn.KeySecret;
        settings["Payouts:RazorpayX:WebhookSecret"] = RazorpayXStandIn.WebhookSecret;
        settings["Payouts:RazorpayX:AccountNumber"] = RazorpayXStandIn.BusinessAccount;
        settings["Payouts:RazorpayX:BaseUrl"] = RazorpayX.BaseUrl;
        return settings;
    }
}

/// <summary>Earning money as a mentor, setting where it goes, and running and reading payouts, as the API's callers do.</summary>
public static class TestPayouts
{
    /// <summary>A mentor whose session of <paramref name="price"/> was paid and released at once (a dispute settled without refund): 70 % available.</summary>
    public static async Task<Party> EarningMentorAsync(GurukulApp app, HttpClient client, long price)
    {
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        await EarnAsync(app, client, student, mentor, price);
        return mentor;
    }

    public static async Task EarnAsync(GurukulApp app, HttpClient client, Party student, Party mentor, long price)
    {
        var checkout = await StartAsync(app, student, mentor, price: price);
        await (await PlaySandboxAsync(client, student, checkout.Id, "succeeded")).JsonAsync(HttpStatusCode.OK);
        var purchaseId = (await PaymentAsync(app, checkout.Id)).PurchaseId;
        await WithAsync(app, s => s.GetRequiredService<PaymentsService>().OpenDisputeAsync(purchaseId, CancellationToken.None));
        await WithAsync(app, s => s.GetRequiredService<PaymentsService>().SettleDisputeAsync(
            purchaseId, new Money(0, "INR"), "no refund", "settle", CancellationToken.None));
    }

    public static Task<HttpResponseMessage> PutMethodAsync(HttpClient client, Party mentor, object body) =>
        SendAsync(client, HttpMethod.Put, "/api/v1/me/payout-method", mentor.Token, body);

    public static async Task SetUpiAsync(HttpClient client, Party mentor, string upiId) =>
        await (await PutMethodAsync(client, mentor, new { method = "upi", upiId, password = ApiClient.Password })).JsonAsync(HttpStatusCode.OK);

    public static async Task<JsonElement> RunAsync(HttpClient client, string staffToken, string? periodEnd = null, string? key = null)
    {
        var response = await SendAsync(client, HttpMethod.Post, "/api/v1/admin/payouts/run", staffToken, new { periodEnd }, key ?? Guid.NewGuid().ToString());
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    public static Task SendPendingAsync(GurukulApp app) =>
        WithAsync(app, async s => { await s.GetRequiredService<PayoutsService>().SendPendingAsync(CancellationToken.None); return true; });

    public static async Task<JsonElement[]> MyPayoutsAsync(HttpClient client, Party mentor) =>
        [.. (await (await client.GetAsync("/api/v1/me/payouts", mentor.Token)).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    public static Task<long> BalanceAsync(GurukulApp app, LedgerAccount account, string party) =>
        WithAsync(app, s => s.GetRequiredService<LedgerService>().BalanceAsync(account, party, "INR", CancellationToken.None));

    public static Task<bool> LedgerBalancedAsync(GurukulApp app) =>
        WithAsync(app, async s => (await s.GetRequiredService<LedgerService>().CheckAsync(CancellationToken.None)).Balanced);

    public static Task<int> MailsAsync(GurukulApp app, string to, string kind) =>
        WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Gurukul.Platform.Mail.OutboxMail>().CountAsync(m => m.To == to && m.Kind == kind));

    /// <summary>Signs the party in again: access tokens last an hour, and the tests move the clock by days.</summary>
    public static async Task<Party> SignInAsync(HttpClient client, Party party)
    {
        var login = await (await client.PostAsync("/api/v1/auth/login", new { email = party.Email, password = ApiClient.Password })).JsonAsync(HttpStatusCode.OK);
        return party with { Token = login.GetProperty("accessToken").GetString()! };
    }

    /// <summary>Moves the clock into the next week, so the week the money became available has ended.</summary>
    public static void NextWeek(FakeClock clock) => clock.Advance(Duration.FromDays(7));

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string token, object? body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }
}
