using System.Net;
using Gurukul.Features.Payments;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Gurukul.Tests.Features.Payments.TestPurchases;

namespace Gurukul.Tests.Features.Payments;

/// <summary>The Stripe adapter (Stripe.net 53.1.0) end to end against a stand-in that speaks Stripe's API and signs as Stripe does.</summary>
public sealed class StripePaymentTests(StripePaymentsFixture fixture) : IClassFixture<StripePaymentsFixture>
{
    [Theory, AllProviders]
    public async Task Checkout_OpensAStripeCheckoutSession_AndCheckoutSessionCompletedPaysIt(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));

        var checkout = await StartAsync(app, student, mentor);

        var payment = await PaymentAsync(app, checkout.Id);
        var session = fixture.Stripe.Session(payment.ProviderOrderId!);
        Assert.Equal($"https://checkout.stripe.com/c/pay/{payment.ProviderOrderId}", checkout.CheckoutUrl);
        Assert.Equal((Price, "inr", checkout.Id), (session["amount_total"]!.GetValue<long>(), session["currency"]!.GetValue<string>(),
            session["client_reference_id"]!.GetValue<string>()));
        Assert.Equal(student.Email, session["customer_email"]!.GetValue<string>());
        Assert.EndsWith("/payments", session["success_url"]!.GetValue<string>(), StringComparison.Ordinal);
        // Stripe keeps sessions open at least 30 minutes, whatever the hold.
        Assert.True(session["expires_at"]!.GetValue<long>() >= DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds());

        await (await DeliverAsync(client, "stripe", fixture.Stripe.Complete(payment.ProviderOrderId!))).JsonAsync(HttpStatusCode.OK);

        payment = await PaymentAsync(app, checkout.Id);
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.StartsWith("pi_", payment.ProviderPaymentId, StringComparison.Ordinal);
        Assert.Equal(1, app.Services.GetRequiredService<TestPurchaseLog>().SucceededCount(payment.PurchaseId));
    }

    [Theory, AllProviders]
    public async Task Webhook_SignedWithAnotherSecret_OrTooLongAgo_Is400_AndAReplayChangesNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);
        var sessionId = (await PaymentAsync(app, checkout.Id)).ProviderOrderId!;
        var completed = fixture.Stripe.Complete(sessionId);
        var session = fixture.Stripe.Session(sessionId);

        var stale = StripeStandIn.Event("checkout.session.completed", session, signedAt: DateTimeOffset.UtcNow.AddMinutes(-10));
        var wrongSecret = completed with { Headers = new Dictionary<string, string> { ["Stripe-Signature"] = $"t={DateTimeOffset.UtcNow.ToUnixTimeSeconds()},v1={new string('0', 64)}" } };
        foreach (var refused in new[] { stale, wrongSecret })
        {
            var problem = await (await DeliverAsync(client, "stripe", refused)).JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("signature", out _));
        }

        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync(app, checkout.Id)).Status);
        await (await DeliverAsync(client, "stripe", completed)).JsonAsync(HttpStatusCode.OK);
        await (await DeliverAsync(client, "stripe", completed)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, app.Services.GetRequiredService<TestPurchaseLog>().SucceededCount((await PaymentAsync(app, checkout.Id)).PurchaseId));
        Assert.Equal(1, await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<PaymentWebhookEvent>().CountAsync(e => e.PaymentId == Guid.Parse(checkout.Id))));
    }

    [Theory, AllProviders]
    public async Task CheckoutSessionExpired_TellsTheSellerThePaymentFailed(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);
        var sessionId = (await PaymentAsync(app, checkout.Id)).ProviderOrderId!;

        await (await DeliverAsync(client, "stripe", fixture.Stripe.Expire(sessionId))).JsonAsync(HttpStatusCode.OK);

        var payment = await PaymentAsync(app, checkout.Id);
        Assert.Equal((PaymentStatus.Expired, "failed"), (payment.Status, payment.ApiStatus));
        Assert.Equal("checkout_expired", Assert.Single(app.Services.GetRequiredService<TestPurchaseLog>().Failed, f => f.PurchaseId == payment.PurchaseId).Reason);
    }

    [Theory, AllProviders]
    public async Task Refund_IsCreatedOnThePaymentIntentOnce_AndRefundUpdatedCompletesIt(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);
        var payment = await PaymentAsync(app, checkout.Id);
        await (await DeliverAsync(client, "stripe", fixture.Stripe.Complete(payment.ProviderOrderId!))).JsonAsync(HttpStatusCode.OK);
        payment = await PaymentAsync(app, checkout.Id);

        var refund = await WithAsync(app, s => s.GetRequiredService<PaymentsService>().RefundAsync(payment.PurchaseId, new Money(Price, "INR"), "mentor cancelled", "cancel", CancellationToken.None));

        await Poll.UntilAsync(async () => await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<PaymentRefund>()
            .AnyAsync(r => r.Id == Guid.Parse(refund.Id) && r.Status == RefundStatus.Submitted)), "the refund was sent to Stripe");
        var sent = Assert.Single(fixture.Stripe.Refunds, r => r["metadata"]!["gurukul_refund_id"]?.GetValue<string>() == refund.Id);
        Assert.Equal((payment.ProviderPaymentId, Price), (sent["payment_intent"]!.GetValue<string>(), sent["amount"]!.GetValue<long>()));

        await (await DeliverAsync(client, "stripe", fixture.Stripe.RefundUpdated(sent["id"]!.GetValue<string>(), "succeeded"))).JsonAsync(HttpStatusCode.OK);
        Assert.True(await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<PaymentRefund>()
            .AnyAsync(r => r.Id == Guid.Parse(refund.Id) && r.Status == RefundStatus.Processed)));
        Assert.Equal("refunded", (await PaymentAsync(app, checkout.Id)).ApiStatus);
    }

    [Theory, AllProviders]
    public async Task RefundTheProviderRefuses_GoesBackIntoEscrow(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);
        var payment = await PaymentAsync(app, checkout.Id);
        await (await DeliverAsync(client, "stripe", fixture.Stripe.Complete(payment.ProviderOrderId!))).JsonAsync(HttpStatusCode.OK);
        var refund = await WithAsync(app, s => s.GetRequiredService<PaymentsService>().RefundAsync(payment.PurchaseId, new Money(30000, "INR"), "partial", "partial", CancellationToken.None));
        await Poll.UntilAsync(() => Task.FromResult(fixture.Stripe.Refunds.Any(r => r["metadata"]!["gurukul_refund_id"]?.GetValue<string>() == refund.Id)), "the refund was sent to Stripe");
        var sent = fixture.Stripe.Refunds.Single(r => r["metadata"]!["gurukul_refund_id"]?.GetValue<string>() == refund.Id);

        await (await DeliverAsync(client, "stripe", fixture.Stripe.RefundUpdated(sent["id"]!.GetValue<string>(), "failed"))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("succeeded", 0L), ((await PaymentAsync(app, checkout.Id)).ApiStatus, (await PaymentAsync(app, checkout.Id)).RefundedMinor));
        var ledger = app.Services.CreateScope().ServiceProvider.GetRequiredService<Gurukul.Features.Ledger.LedgerService>();
        Assert.Equal(Price, await ledger.BalanceAsync(Gurukul.Features.Ledger.LedgerAccount.Escrow, mentor.Id, "INR", CancellationToken.None));
        Assert.Equal(0, await ledger.BalanceAsync(Gurukul.Features.Ledger.LedgerAccount.Refunds, student.Id, "INR", CancellationToken.None));
    }
}
