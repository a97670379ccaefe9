using System.Net;
using System.Text;
using System.Text.Json;
using Gurukul.Features.Ledger;
using Gurukul.Features.Payments;
using Gurukul.Features.Payments.Providers;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Gurukul.Tests.Features.Payments.TestPurchases;

namespace Gurukul.Tests.Features.Payments;

/// <summary>The sandbox provider end to end: checkout, "Pay" and "Fail" through its signed webhook, and what the seller hears.</summary>
public sealed class SandboxPaymentTests(SandboxPaymentsFixture fixture) : IClassFixture<SandboxPaymentsFixture>
{
    [Theory, AllProviders]
    public async Task Pay_ReachesThePaymentThroughASignedWebhook_TellsTheSellerOnce_AndPutsTheMoneyInEscrow(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);
        Assert.Equal(("sandbox", "pending"), (checkout.Provider, checkout.Status));
        Assert.EndsWith($"/payments/{checkout.Id}/checkout", checkout.CheckoutUrl, StringComparison.Ordinal);

        var paid = await (await PlaySandboxAsync(client, student, checkout.Id, "succeeded")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("succeeded", paid.GetProperty("status").GetString());
        var payment = await PaymentAsync(app, checkout.Id);
        var log = app.Services.GetRequiredService<TestPurchaseLog>();
        Assert.Equal(1, log.SucceededCount(payment.PurchaseId));
        Assert.Equal(1, await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<PaymentWebhookEvent>().CountAsync(e => e.PaymentId == payment.Id)));
        Assert.Matches(@"^GK/\d\d-\d\d/\d{6}$", payment.InvoiceNumber);
        Assert.Equal(Price, await WithAsync(app, s => s.GetRequiredService<LedgerService>().BalanceAsync(LedgerAccount.Escrow, mentor.Id, "INR", CancellationToken.None)));
    }

    [Theory, AllProviders]
    public async Task Fail_TellsTheSeller_AndTheStudentMayStillPayWhileTheHoldLasts(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);

        var failed = await (await PlaySandboxAsync(client, student, checkout.Id, "failed")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        var purchaseId = (await PaymentAsync(app, checkout.Id)).PurchaseId;
        var log = app.Services.GetRequiredService<TestPurchaseLog>();
        Assert.Equal(1, log.FailedCount(purchaseId));

        await (await PlaySandboxAsync(client, student, checkout.Id, "succeeded")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(app, checkout.Id)).Status);
        Assert.Equal(1, log.SucceededCount(purchaseId));
    }

    [Theory, AllProviders]
    public async Task SandboxEndpoint_IsRefusedForAnotherStudentsPayment_ABadOutcome_AndAPaidCheckout(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor, stranger) = (await StudentAsync(client), await MentorAsync(client), await StudentAsync(client));
        var checkout = await StartAsync(app, student, mentor);

        await (await PlaySandboxAsync(client, stranger, checkout.Id, "succeeded")).JsonAsync(HttpStatusCode.NotFound);
        await (await PlaySandboxAsync(client, student, Guid.NewGuid().ToString(), "succeeded")).JsonAsync(HttpStatusCode.NotFound);
        await (await PlaySandboxAsync(client, student, "not-an-id", "succeeded")).JsonAsync(HttpStatusCode.NotFound);
        var bad = await (await PlaySandboxAsync(client, student, checkout.Id, "maybe")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("outcome", out _));

        await (await PlaySandboxAsync(client, student, checkout.Id, "succeeded")).JsonAsync(HttpStatusCode.OK);
        await (await PlaySandboxAsync(client, student, checkout.Id, "succeeded")).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(app, checkout.Id)).Status);
    }

    [Theory, AllProviders]
    public async Task Webhook_WithABadSignature_Is400_AndChangesNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);
        var webhook = await SandboxWebhookAsync(app, checkout.Id, succeeded: true);

        var tampered = webhook with { Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(webhook.Body).Replace("80000", "100", StringComparison.Ordinal)) };
        var forged = webhook with { Headers = new Dictionary<string, string> { [SandboxProvider.SignatureHeader] = new string('0', 64) } };
        var unsigned = webhook with { Headers = new Dictionary<string, string>() };

        foreach (var attempt in new[] { tampered, forged, unsigned })
        {
            var problem = await (await DeliverAsync(client, "sandbox", attempt)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("signature", out _));
        }

        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync(app, checkout.Id)).Status);
        Assert.Equal(0, await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<PaymentWebhookEvent>().CountAsync(e => e.PaymentId == Guid.Parse(checkout.Id))));
    }

    [Theory, AllProviders]
    public async Task Webhook_ReplayedOrAboutAnUnknownPayment_IsAcceptedAndChangesNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);
        var webhook = await SandboxWebhookAsync(app, checkout.Id, succeeded: true);

        await (await DeliverAsync(client, "sandbox", webhook)).JsonAsync(HttpStatusCode.OK);
        var ledgerBefore = await CheckAsync(app);
        await (await DeliverAsync(client, "sandbox", webhook)).JsonAsync(HttpStatusCode.OK);
        await (await DeliverAsync(client, "sandbox", webhook)).JsonAsync(HttpStatusCode.OK);

        var purchaseId = (await PaymentAsync(app, checkout.Id)).PurchaseId;
        Assert.Equal(1, app.Services.GetRequiredService<TestPurchaseLog>().SucceededCount(purchaseId));
        Assert.Equal(ledgerBefore.Transactions, (await CheckAsync(app)).Transactions);

        // A correctly signed event about a payment nobody made.
        var stranger = await SandboxWebhookForAsync(app, new Payment
        {
            PurchaseKind = "test", PurchaseId = "nobody", PayerId = student.Id, PayeeId = mentor.Id, Description = "-", Provider = "sandbox",
            ListPrice = new(500, "INR"), Amount = new(500, "INR"), ReturnPath = "/", ProviderOrderId = "sbx_order_unknown",
        });
        await (await DeliverAsync(client, "sandbox", stranger)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(ledgerBefore.Transactions, (await CheckAsync(app)).Transactions);
    }

    [Theory, AllProviders]
    public async Task Webhook_ForAProviderNotInUse_Is404(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();

        foreach (var name in new[] { "razorpay", "stripe", "paypal" })
        {
            var response = await DeliverAsync(client, name, new SignedWebhook("{}"u8.ToArray(), new Dictionary<string, string>()));
            await response.JsonAsync(HttpStatusCode.NotFound);
        }
    }

    [Theory, AllProviders]
    public async Task StartCheckout_ForAnOpenCheckout_ReturnsIt_AndForAPaidPurchase_Is409(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var purchaseId = Guid.NewGuid().ToString();
        var first = await StartAsync(app, student, mentor, purchaseId);

        var again = await StartAsync(app, student, mentor, purchaseId);
        Assert.Equal(first.Id, again.Id);

        await (await PlaySandboxAsync(client, student, first.Id, "succeeded")).JsonAsync(HttpStatusCode.OK);
        await Assert.ThrowsAsync<ConflictException>(() => StartAsync(app, student, mentor, purchaseId));
    }

    [Theory, AllProviders]
    public async Task Payment_TheSellerCannotHonour_IsRefundedInFull(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var purchaseId = Guid.NewGuid().ToString();
        app.Services.GetRequiredService<TestPurchaseLog>().Rejects[purchaseId] = true;
        var checkout = await StartAsync(app, student, mentor, purchaseId);

        var answer = await (await PlaySandboxAsync(client, student, checkout.Id, "succeeded")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("refunded", answer.GetProperty("status").GetString());
        await Poll.UntilAsync(async () => await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<PaymentRefund>()
            .AnyAsync(r => r.PaymentId == Guid.Parse(checkout.Id) && r.Status == RefundStatus.Processed)), "the sandbox processed the refund");
        var ledger = app.Services.CreateScope().ServiceProvider.GetRequiredService<LedgerService>();
        Assert.Equal(0, await ledger.BalanceAsync(LedgerAccount.Escrow, mentor.Id, "INR", CancellationToken.None));
        Assert.Equal(Price, await ledger.BalanceAsync(LedgerAccount.Refunds, student.Id, "INR", CancellationToken.None));
        Assert.True((await CheckAsync(app)).Balanced);
    }

    [Theory, AllProviders]
    public async Task MyPayments_ListsTheStudentsOwnPayments_NewestFirst_PageByPage(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor, other) = (await StudentAsync(client), await MentorAsync(client), await StudentAsync(client));
        var first = await StartAsync(app, student, mentor);
        var second = await StartAsync(app, student, mentor);
        var third = await StartAsync(app, student, mentor);
        await StartAsync(app, other, mentor);
        await (await PlaySandboxAsync(client, student, first.Id, "succeeded")).JsonAsync(HttpStatusCode.OK);

        var page1 = await (await client.GetAsync("/api/v1/me/payments?limit=2", student.Token)).JsonAsync(HttpStatusCode.OK);
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = await (await client.GetAsync($"/api/v1/me/payments?limit=2&cursor={Uri.EscapeDataString(cursor!)}", student.Token)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal([third.Id, second.Id], Ids(page1));
        Assert.Equal([first.Id], Ids(page2));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("nextCursor").ValueKind);
        var paid = page2.GetProperty("items")[0];
        Assert.Equal(("succeeded", "sandbox", Price, 0L), (paid.GetProperty("status").GetString(), paid.GetProperty("provider").GetString(),
            paid.GetProperty("amount").Minor(), paid.GetProperty("refunded").Minor()));
        Assert.Equal($"/api/v1/me/payments/{first.Id}/invoice.pdf", paid.GetProperty("invoiceUrl").GetString());
        Assert.Equal(JsonValueKind.Null, page1.GetProperty("items")[0].GetProperty("invoiceUrl").ValueKind);
        await (await client.GetAsync("/api/v1/me/payments?limit=0", student.Token)).JsonAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/me/payments?cursor=forged", student.Token)).JsonAsync(HttpStatusCode.BadRequest);
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    private static Task<LedgerCheck> CheckAsync(GurukulApp app) => WithAsync(app, s => s.GetRequiredService<LedgerService>().CheckAsync(CancellationToken.None));

    private static async Task<SignedWebhook> SandboxWebhookAsync(GurukulApp app, string paymentId, bool succeeded) =>
        app.Services.GetRequiredService<SandboxProvider>().Webhook(await PaymentAsync(app, paymentId), succeeded);

    private static Task<SignedWebhook> SandboxWebhookForAsync(GurukulApp app, Payment payment) =>
        Task.FromResult(app.Services.GetRequiredService<SandboxProvider>().Webhook(payment, succeeded: true));
}
