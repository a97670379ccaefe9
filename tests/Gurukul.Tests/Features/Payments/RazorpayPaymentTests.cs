using System.Net;
using Gurukul.Features.Ledger;
using Gurukul.Features.Payments;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Gurukul.Tests.Features.Payments.TestPurchases;

namespace Gurukul.Tests.Features.Payments;

/// <summary>The Razorpay adapter end to end against a stand-in that speaks Razorpay's API and signs as Razorpay does.</summary>
public sealed class RazorpayPaymentTests(RazorpayPaymentsFixture fixture) : IClassFixture<RazorpayPaymentsFixture>
{
    [Theory, AllProviders]
    public async Task Checkout_CreatesAnOrder_AndTheSignedCaptureWebhookPaysIt_RecordingRazorpaysFee(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));

        var checkout = await StartAsync(app, student, mentor);

        var payment = await PaymentAsync(app, checkout.Id);
        var order = fixture.Razorpay.Order(payment.ProviderOrderId!);
        Assert.Equal((Price, "INR", "created"), (order["amount"]!.GetValue<long>(), order["currency"]!.GetValue<string>(), order["status"]!.GetValue<string>()));
        Assert.Equal(checkout.Id, order["notes"]!["gurukul_payment_id"]!.GetValue<string>());
        Assert.EndsWith($"/payments/{checkout.Id}/checkout", checkout.CheckoutUrl, StringComparison.Ordinal);

        var paid = fixture.Razorpay.Capture(payment.ProviderOrderId!, fee: 1888);
        await (await DeliverAsync(client, "razorpay", paid.Webhook)).JsonAsync(HttpStatusCode.OK);

        payment = await PaymentAsync(app, checkout.Id);
        Assert.Equal((PaymentStatus.Succeeded, paid.PaymentId, 1888L), (payment.Status, payment.ProviderPaymentId, payment.FeeMinor));
        Assert.Equal(1, app.Services.GetRequiredService<TestPurchaseLog>().SucceededCount(payment.PurchaseId));
        var check = await WithAsync(app, s => s.GetRequiredService<LedgerService>().CheckAsync(CancellationToken.None));
        Assert.True(check.Balanced);
        Assert.Contains(check.Accounts, a => a.Account == LedgerAccount.ProviderFees && a.Balance.AmountMinor >= 1888);
    }

    [Theory, AllProviders]
    public async Task CheckoutReturn_SignedByRazorpay_RecordsThePaymentAtOnce_AndTheLaterWebhookChangesNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);
        var orderId = (await PaymentAsync(app, checkout.Id)).ProviderOrderId!;
        var paid = fixture.Razorpay.Capture(orderId);
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.PostAsync(new Uri($"/payments/{checkout.Id}/razorpay", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["razorpay_payment_id"] = paid.PaymentId, ["razorpay_order_id"] = orderId, ["razorpay_signature"] = paid.Signature,
        }));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/payments?payment=succeeded", response.Headers.Location?.OriginalString);
        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(app, checkout.Id)).Status);
        var transactions = await TransactionCountAsync(app);
        await (await DeliverAsync(client, "razorpay", paid.Webhook)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(transactions, await TransactionCountAsync(app));
        Assert.Equal(1, app.Services.GetRequiredService<TestPurchaseLog>().SucceededCount((await PaymentAsync(app, checkout.Id)).PurchaseId));
    }

    [Theory, AllProviders]
    public async Task CheckoutReturn_WithAForgedSignature_IsRefused_AndChangesNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);
        var orderId = (await PaymentAsync(app, checkout.Id)).ProviderOrderId!;
        var paid = fixture.Razorpay.Capture(orderId);
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.PostAsync(new Uri($"/payments/{checkout.Id}/razorpay", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["razorpay_payment_id"] = paid.PaymentId, ["razorpay_order_id"] = orderId, ["razorpay_signature"] = new string('a', 64),
        }));

        Assert.Equal("/error/400", response.Headers.Location?.OriginalString);
        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync(app, checkout.Id)).Status);
    }

    [Theory, AllProviders]
    public async Task Webhook_WithABadSignature_Is400_AndAReplayedEventId_ChangesNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);
        var orderId = (await PaymentAsync(app, checkout.Id)).ProviderOrderId!;
        var failed = fixture.Razorpay.Fail(orderId);

        var forged = failed with { Headers = new Dictionary<string, string>(failed.Headers) { ["X-Razorpay-Signature"] = new string('f', 64) } };
        await (await DeliverAsync(client, "razorpay", forged)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync(app, checkout.Id)).Status);

        await (await DeliverAsync(client, "razorpay", failed)).JsonAsync(HttpStatusCode.OK);
        await (await DeliverAsync(client, "razorpay", failed)).JsonAsync(HttpStatusCode.OK);
        var purchaseId = (await PaymentAsync(app, checkout.Id)).PurchaseId;
        Assert.Equal(PaymentStatus.Failed, (await PaymentAsync(app, checkout.Id)).Status);
        Assert.Equal(1, app.Services.GetRequiredService<TestPurchaseLog>().FailedCount(purchaseId));

        // Razorpay lets the customer try again on the same order.
        await (await DeliverAsync(client, "razorpay", fixture.Razorpay.Capture(orderId).Webhook)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(app, checkout.Id)).Status);
    }

    [Theory, AllProviders]
    public async Task Refund_IsSentToRazorpayOnce_UnderItsIdempotencyKey_AndRefundProcessedCompletesIt(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);
        var payment = await PaymentAsync(app, checkout.Id);
        await (await DeliverAsync(client, "razorpay", fixture.Razorpay.Capture(payment.ProviderOrderId!).Webhook)).JsonAsync(HttpStatusCode.OK);

        var refund = await WithAsync(app, s => s.GetRequiredService<PaymentsService>().RefundAsync(payment.PurchaseId, new Money(40000, "INR"), "cancelled 3 h before", "cancel-1", CancellationToken.None));
        var again = await WithAsync(app, s => s.GetRequiredService<PaymentsService>().RefundAsync(payment.PurchaseId, new Money(40000, "INR"), "cancelled 3 h before", "cancel-1", CancellationToken.None));
        Assert.Equal(refund.Id, again.Id);

        await Poll.UntilAsync(async () => await RefundAsync(app, refund.Id) is { Status: RefundStatus.Submitted }, "the refund was sent to Razorpay");
        var sent = Assert.Single(fixture.Razorpay.Refunds, r => r["notes"]!["gurukul_refund_id"]?.GetValue<string>() == refund.Id);
        Assert.Equal(40000, sent["amount"]!.GetValue<long>());
        await (await DeliverAsync(client, "razorpay", fixture.Razorpay.RefundProcessed(sent["id"]!.GetValue<string>()))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(RefundStatus.Processed, (await RefundAsync(app, refund.Id))!.Status);
        Assert.Equal("partially_refunded", (await PaymentAsync(app, checkout.Id)).ApiStatus);
        await Assert.ThrowsAsync<ConflictException>(() => WithAsync(app, s => s.GetRequiredService<PaymentsService>()
            .RefundAsync(payment.PurchaseId, new Money(40001, "INR"), "more than is left", "cancel-2", CancellationToken.None)));
    }

    [Theory, AllProviders]
    public async Task Checkout_WhileRazorpayIsDown_Is503_AndWritesNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var purchaseId = Guid.NewGuid().ToString();

        fixture.Razorpay.Down = true;
        try
        {
            await Assert.ThrowsAsync<ServiceUnavailableException>(() => StartAsync(app, student, mentor, purchaseId));
        }
        finally
        {
            fixture.Razorpay.Down = false;
        }

        Assert.False(await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Payment>().AnyAsync(p => p.PurchaseId == purchaseId)));
        Assert.Equal("pending", (await StartAsync(app, student, mentor, purchaseId)).Status);
    }

    private static Task<int> TransactionCountAsync(GurukulApp app) =>
        WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<LedgerTransaction>().CountAsync());

    private static Task<PaymentRefund?> RefundAsync(GurukulApp app, string refundId) =>
        WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<PaymentRefund>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == Guid.Parse(refundId)));
}
