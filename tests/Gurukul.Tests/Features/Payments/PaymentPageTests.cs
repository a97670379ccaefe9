using System.Net;
using Gurukul.Features.Payments;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;
using static Gurukul.Tests.Features.Payments.TestPurchases;

namespace Gurukul.Tests.Features.Payments;

/// <summary>The checkout and payments pages as a browser without JavaScript sees them.</summary>
public sealed class PaymentPageTests(SandboxPaymentsFixture fixture) : IClassFixture<SandboxPaymentsFixture>
{
    [Theory]
    [InlineData("en", "Pay for your session", "Pay ₹800")]
    [InlineData("hi", "अपने सत्र का भुगतान करें", "₹800 का भुगतान करें")]
    [InlineData("te", "మీ సెషన్‌కు చెల్లించండి", "₹800 చెల్లించండి")]
    public async Task Checkout_ShowsTheAmountMethodsCountdownAndButtons_InTheStudentsLanguage(string culture, string title, string pay)
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var api = app.CreateClient();
        var (student, mentor) = (await StudentAsync(api), await MentorAsync(api));
        var checkout = await StartAsync(app, student, mentor);
        using var page = await PageClient.SignInAsync(app, student.Email);

        var html = await page.HtmlAsync($"/payments/{checkout.Id}/checkout?culture={culture}");

        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(pay, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sandbox-fail\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"method\" value=\"upi\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"method\" value=\"card\"", html, StringComparison.Ordinal);
        Assert.Matches("role=\"timer\" datetime=\"[^\"]+Z\" data-countdown[^>]*>(09:[0-5]\\d|10:00)<", html);
    }

    [Fact]
    public async Task Checkout_OfAnotherStudentsPayment_IsNotFound()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var api = app.CreateClient();
        var (student, mentor, other) = (await StudentAsync(api), await MentorAsync(api), await StudentAsync(api));
        var checkout = await StartAsync(app, student, mentor);
        using var page = await PageClient.SignInAsync(app, other.Email);

        using var response = await page.GetAsync($"/payments/{checkout.Id}/checkout");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory, AllProviders]
    public async Task PayButton_WithoutJavaScript_PaysAndLandsOnThePurchasesPage_WhereTheInvoiceIsLinked(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var api = app.CreateClient();
        var (student, mentor) = (await StudentAsync(api), await MentorAsync(api));
        var checkout = await StartAsync(app, student, mentor);
        using var page = await PageClient.SignInAsync(app, student.Email);

        using var failed = await page.PostFormAsync($"/payments/{checkout.Id}/checkout", $"/payments/{checkout.Id}/sandbox", [new("outcome", "failed"), new("method", "card")]);
        Assert.Equal(HttpStatusCode.SeeOther, failed.StatusCode);
        Assert.Equal($"/payments/{checkout.Id}/checkout?payment=failed", PageClient.RedirectTarget(failed));
        Assert.Contains("data-testid=\"checkout-failed\"", await page.HtmlAsync(PageClient.RedirectTarget(failed)!), StringComparison.Ordinal);

        using var paid = await page.PostFormAsync($"/payments/{checkout.Id}/checkout", $"/payments/{checkout.Id}/sandbox", [new("outcome", "succeeded"), new("method", "upi")]);
        Assert.Equal("/payments?payment=succeeded", PageClient.RedirectTarget(paid));
        var list = await page.HtmlAsync("/payments?payment=succeeded");
        Assert.Contains("data-testid=\"payment-notice\"", list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/me/payments/{checkout.Id}/invoice.pdf\"", list, StringComparison.Ordinal);
        Assert.Contains("60-minute session with Ravi Kumar", list, StringComparison.Ordinal);
        Assert.Equal(PaymentStatus.Succeeded, (await PaymentAsync(app, checkout.Id)).Status);

        var again = await page.HtmlAsync($"/payments/{checkout.Id}/checkout");
        Assert.Contains("data-testid=\"checkout-paid\"", again, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"sandbox-form\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaymentsPage_WithNoPayments_SaysSo_InTelugu()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var student = await StudentAsync(app.CreateClient());
        using var page = await PageClient.SignInAsync(app, student.Email);

        var html = await page.HtmlAsync("/payments?culture=te");

        Assert.Contains("మీ చెల్లింపులు", html, StringComparison.Ordinal);
        Assert.Contains("మీరు ఇంకా దేనికీ చెల్లించలేదు.", html, StringComparison.Ordinal);
    }
}
