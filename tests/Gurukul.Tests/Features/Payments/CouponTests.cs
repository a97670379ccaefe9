using System.Net;
using Gurukul.Features.Payments;
using Gurukul.Features.Payments.Coupons;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Gurukul.Tests.Features.Payments.TestPurchases;

namespace Gurukul.Tests.Features.Payments;

/// <summary>Coupons: created by admins, applied at checkout, limited by the database, counted once when paid.</summary>
public sealed class CouponTests(SandboxPaymentsFixture fixture) : IClassFixture<SandboxPaymentsFixture>
{
    [Theory, AllProviders]
    public async Task Create_Answers201WithTheCoupon_AndRefusesBadFieldsAndATakenCode(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var code = IdempotencyTests.NewCode();

        var created = await (await client.PostAsync("/api/v1/admin/coupons",
            new { code = code.ToLowerInvariant(), amountOff = new { amountMinor = 20000, currency = "INR" }, maxRedemptions = 5, validUntil = "2099-01-01T00:00:00Z" }, admin))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Equal(code, created.GetProperty("code").GetString());
        Assert.Equal(20000, created.GetProperty("amountOff").Minor());
        Assert.Equal((5, 0), (created.GetProperty("maxRedemptions").GetInt32(), created.GetProperty("redemptions").GetInt32()));
        await (await client.PostAsync("/api/v1/admin/coupons", new { code, percentOff = 10 }, admin)).JsonAsync(HttpStatusCode.Conflict);
        var bad = await (await client.PostAsync("/api/v1/admin/coupons",
            new { code = "x", percentOff = 10, amountOff = new { amountMinor = -1, currency = "XXX" }, maxRedemptions = 0, validUntil = "2000-01-01T00:00:00Z" }, admin))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["code", "maxRedemptions", "percentOff", "validUntil"], bad.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var amounts = await (await client.PostAsync("/api/v1/admin/coupons", new { code = IdempotencyTests.NewCode(), amountOff = new { amountMinor = 0, currency = "XXX" } }, admin))
            .JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["amountOff.amountMinor", "amountOff.currency"], amounts.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Theory, AllProviders]
    public async Task Quote_TakesThePercentageOrAmountOff_AndNamesCouponCodeWhenItCannotApply(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var (percent, amount, dollars) = (IdempotencyTests.NewCode(), IdempotencyTests.NewCode(), IdempotencyTests.NewCode());
        await CreateAsync(app, new CouponRequest(percent, 25, null, null, null));
        await CreateAsync(app, new CouponRequest(amount, null, new(90000, "INR"), null, null));
        await CreateAsync(app, new CouponRequest(dollars, null, new(500, "USD"), null, null));

        var quarter = await QuoteAsync(app, percent.ToLowerInvariant());
        var most = await QuoteAsync(app, amount);

        Assert.Equal((20000L, 60000L), (quarter.Discount.AmountMinor, quarter.Total.AmountMinor));
        // No coupon brings a price below ₹1: providers take nothing smaller.
        Assert.Equal(Coupon.MinimumChargeMinor, most.Total.AmountMinor);
        Assert.Equal(Price, (await QuoteAsync(app, null)).Total.AmountMinor);
        foreach (var code in new[] { dollars, "NO-SUCH-CODE" })
        {
            var refused = await Assert.ThrowsAsync<ValidationException>(() => QuoteAsync(app, code));
            Assert.Equal(CouponsService.CouponField, Assert.Single(refused.Errors).Key);
        }
    }

    [Theory, AllProviders]
    public async Task ConcurrentCheckouts_TakeNoMoreUsesThanTheLimit_AndAnExpiredCheckoutGivesItsUseBack(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(client);
        var students = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => StudentAsync(client)));
        var code = IdempotencyTests.NewCode();
        await CreateAsync(app, new CouponRequest(code, 50, null, 3, null));

        var attempts = await Task.WhenAll(students.Select(async s =>
        {
            try
            {
                return await StartAsync(app, s, mentor, coupon: code);
            }
            catch (ValidationException refused) when (refused.Errors.ContainsKey(CouponsService.CouponField))
            {
                return null;
            }
        }));

        var discounted = attempts.OfType<PaymentView>().ToList();
        Assert.Equal(3, discounted.Count);
        Assert.All(discounted, p => Assert.Equal(Price / 2, p.Amount.AmountMinor));
        Assert.Equal(3, await UsesAsync(app, code));

        // One pays (its use is redeemed, once), one lets its checkout expire (its use goes back).
        var payer = students[Array.FindIndex(attempts, a => a?.Id == discounted[0].Id)];
        await (await PlaySandboxAsync(client, payer, discounted[0].Id, "succeeded")).JsonAsync(HttpStatusCode.OK);
        await WithAsync(app, async s =>
        {
            await s.GetRequiredService<PaymentEvents>().ExpireAsync(Guid.Parse(discounted[1].Id), CancellationToken.None);
            return true;
        });

        var coupon = await (await client.GetAsync($"/api/v1/admin/coupons/{code}", (await app.StaffTokenAsync(client)).AccessToken)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1), (coupon.GetProperty("redemptions").GetInt32(), coupon.GetProperty("reserved").GetInt32()));
        Assert.Equal(2, await UsesAsync(app, code));
        Assert.Equal(PaymentStatus.Expired, (await PaymentAsync(app, discounted[1].Id)).Status);
        var late = await StartAsync(app, await StudentAsync(client), mentor, coupon: code);
        Assert.Equal(Price / 2, late.Amount.AmountMinor);
    }

    [Theory, AllProviders]
    public async Task TheDatabase_RefusesMoreUsesThanTheLimit_EvenWhenCodeTries(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var code = IdempotencyTests.NewCode();
        await CreateAsync(app, new CouponRequest(code, 10, null, 1, null));

        await Assert.ThrowsAnyAsync<Exception>(() => WithAsync(app, s =>
            s.GetRequiredService<GurukulDbContext>().Set<Coupon>().Where(c => c.Code == code).ExecuteUpdateAsync(set => set.SetProperty(c => c.Uses, 2))));
        Assert.Equal(0, await UsesAsync(app, code));
    }

    private static Task<CouponDto> CreateAsync(GurukulApp app, CouponRequest request) =>
        WithAsync(app, s => s.GetRequiredService<CouponsService>().CreateAsync("tests", request, CancellationToken.None));

    private static Task<Quote> QuoteAsync(GurukulApp app, string? code) =>
        WithAsync(app, s => s.GetRequiredService<PaymentsService>().QuoteAsync(new Money(Price, "INR"), code, CancellationToken.None));

    private static Task<int> UsesAsync(GurukulApp app, string code) =>
        WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Coupon>().Where(c => c.Code == code).Select(c => c.Uses).SingleAsync());
}
