using Gurukul.Features.Accounts;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

/// <summary>A student pays in the sandbox checkout and finds the payment and its invoice, on a desktop and a 390 px phone.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PaymentJourneys(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Password = "a long enough password";

    [ChromiumFact]
    public async Task Student_FailsOnce_ThenPaysInTheSandbox_AndFindsTheInvoice_OnADesktop() => await JourneyAsync(1280, 900, "en");

    [ChromiumFact]
    public async Task Student_FailsOnce_ThenPaysInTheSandbox_AndFindsTheInvoice_OnA390PxPhoneInTelugu() => await JourneyAsync(390, 844, "te");

    private async Task JourneyAsync(int width, int height, string culture)
    {
        var email = $"payer.{Guid.NewGuid():N}@example.com";
        var studentId = await BrowserAccounts.CreateAsync(browser, email, "Asha Rao", Roles.Student, Password, new NodaTime.LocalDate(2004, 5, 1));
        var mentorId = await BrowserAccounts.CreateAsync(browser, $"mentor.{Guid.NewGuid():N}@example.com", "Lakshmi Reddy", Roles.Mentor, Password, new NodaTime.LocalDate(1990, 5, 1));
        var checkout = await BrowserPurchases.StartAsync(browser, studentId, mentorId, 60000);
        // axe needs its script injected: the page's own policy would refuse it. Everything else runs as in production.
        var page = await browser.NewPageAsync(width, height, bypassContentSecurityPolicy: true);
        await BrowserAccounts.SignInAsync(page, email, Password);
        var (title, pay, fail, card, paid) = culture == "te"
            ? ("మీ సెషన్‌కు చెల్లించండి", "₹600 చెల్లించండి", "విఫలం చేయండి", "కార్డు", "మీ చెల్లింపు పూర్తయింది.")
            : ("Pay for your session", "Pay ₹600", "Fail", "Card", "Your payment went through.");

        // The language the student picked with the switcher (a cookie), which every page after the redirects keeps.
        await page.GotoAsync($"/language/{culture}?returnUrl=/payments/{checkout.Id}/checkout");
        await page.ToBeAtAsync($"/payments/{checkout.Id}/checkout");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("checkout-amount")).ToHaveTextAsync("₹600");
        var timer = page.GetByRole(AriaRole.Timer);
        var shown = await timer.TextContentAsync();
        await Expect(timer).Not.ToHaveTextAsync(shown!, new() { Timeout = 3000 });
        await page.GetByRole(AriaRole.Radio, new() { Name = card }).CheckAsync();
        Assert.Empty(await AxeScan.RunAsync(page, $"checkout {culture} {width}px", output));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"checkout-{culture}-{width}.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = fail, Exact = true }).ClickAsync();
        await page.ToBeAtAsync($"/payments/{checkout.Id}/checkout?payment=failed");
        await Expect(page.GetByTestId("checkout-failed")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = pay }).ClickAsync();

        await page.ToBeAtAsync("/payments?payment=succeeded");
        await Expect(page.GetByTestId("payment-notice")).ToHaveTextAsync(paid);
        var payment = page.GetByTestId("payment").First;
        await Expect(payment).ToContainTextAsync("45-minute session with Lakshmi Reddy");
        await Expect(payment.GetByTestId("invoice-link")).ToHaveAttributeAsync("href", $"/api/v1/me/payments/{checkout.Id}/invoice.pdf");
        Assert.Empty(await AxeScan.RunAsync(page, $"payments {culture} {width}px", output));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"payments-{culture}-{width}.png"), FullPage = true });

        var invoice = await page.APIRequest.GetAsync($"/api/v1/me/payments/{checkout.Id}/invoice.pdf");
        Assert.Equal(200, invoice.Status);
        Assert.Equal("application/pdf", invoice.Headers["content-type"]);
        await page.Context.CloseAsync();
    }
}
