using System.Net;
using Gurukul.Features.Payouts;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Payments;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Gurukul.Tests.Features.Payouts.TestPayouts;

namespace Gurukul.Tests.Features.Payouts;

/// <summary>
/// <c>PUT /api/v1/me/payout-method</c>: a UPI id or bank account checked by format (400 naming the field), only with the password
/// again (403 without it or with a wrong one), kept encrypted, answered masked, and mailed to the mentor.
/// </summary>
public sealed class PayoutMethodTests(PayoutsFixture fixture) : IClassFixture<PayoutsFixture>
{
    [Theory, AllProviders]
    public async Task SettingAUpiId_WithThePassword_AnswersItMasked_StoresItEncrypted_AndMailsTheMentor(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await TestPurchases.MentorAsync(client);

        var set = await (await PutMethodAsync(client, mentor, new { method = "upi", upiId = " Ravi.Kumar@OKAXIS ", password = ApiClient.Password }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("upi", "ra****@okaxis"), (set.GetProperty("method").GetString(), set.GetProperty("upiId").GetString()));
        var read = await (await client.GetAsync("/api/v1/me/payout-method", mentor.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("ra****@okaxis", read.GetProperty("upiId").GetString());
        var stored = await TestPurchases.WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<PayoutMethod>().AsNoTracking().SingleAsync(m => m.MentorId == mentor.Id));
        Assert.DoesNotContain("ravi.kumar", stored.ProtectedDetails, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await MailsAsync(app, mentor.Email, "payouts.method_changed"));

        var bank = await (await PutMethodAsync(client, mentor, new
        {
            method = "bank", accountName = "Ravi Kumar", accountNumber = "1234 5678 9012", ifsc = "hdfc0001234", password = ApiClient.Password,
        })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("bank", "XXXX9012", "HDFC0001234"), (bank.GetProperty("method").GetString(), bank.GetProperty("accountNumber").GetString(), bank.GetProperty("ifsc").GetString()));
        Assert.Equal(2, await MailsAsync(app, mentor.Email, "payouts.method_changed"));
    }

    [Theory, AllProviders]
    public async Task ChangingTheMethod_WithoutThePasswordOrWithAWrongOne_Is403_AndChangesNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await TestPurchases.MentorAsync(client);
        await SetUpiAsync(client, mentor, "ravi@okaxis");

        await (await PutMethodAsync(client, mentor, new { method = "upi", upiId = "thief@ybl" })).JsonAsync(HttpStatusCode.Forbidden);
        await (await PutMethodAsync(client, mentor, new { method = "upi", upiId = "thief@ybl", password = "not-the-password-1" })).JsonAsync(HttpStatusCode.Forbidden);
        await (await PutMethodAsync(client, mentor, new { method = "upi", upiId = "thief@ybl", totpCode = "123456" })).JsonAsync(HttpStatusCode.Forbidden);

        var read = await (await client.GetAsync("/api/v1/me/payout-method", mentor.Token)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("ra****@okaxis", read.GetProperty("upiId").GetString());
        Assert.Equal(1, await MailsAsync(app, mentor.Email, "payouts.method_changed"));
    }

    [Theory, AllProviders]
    public async Task AMethodThatCannotBeRight_Is400NamingEachField(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await TestPurchases.MentorAsync(client);

        async Task<string[]> Fields(object body) => [.. (await (await PutMethodAsync(client, mentor, body)).JsonAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(["upiId"], await Fields(new { method = "upi", upiId = "ravi.okaxis", password = ApiClient.Password }));
        Assert.Equal(["upiId"], await Fields(new { method = "upi", upiId = "r@1bank", password = ApiClient.Password }));
        Assert.Equal(["upiId"], await Fields(new { method = "upi", password = ApiClient.Password }));
        Assert.Equal(["accountNumber", "ifsc"], await Fields(new { method = "bank", accountName = "Ravi Kumar", accountNumber = "12-34", ifsc = "HDFC1001234", password = ApiClient.Password }));
        Assert.Equal(["accountName", "accountNumber", "ifsc"], await Fields(new { method = "bank", password = ApiClient.Password }));
        Assert.Equal(["method"], await Fields(new { method = "paypal", password = ApiClient.Password }));
        Assert.Equal(["method"], await Fields(new { password = ApiClient.Password }));
        Assert.Equal(0, await MailsAsync(app, mentor.Email, "payouts.method_changed"));
        await (await client.GetAsync("/api/v1/me/payout-method", mentor.Token)).JsonAsync(HttpStatusCode.NotFound);
    }
}
