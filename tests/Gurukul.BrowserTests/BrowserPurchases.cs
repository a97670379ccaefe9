using Gurukul.Features.Payments;
using Gurukul.Platform;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Gurukul.BrowserTests;

/// <summary>
/// Something to pay for until bookings exist: a seller of kind <c>browser</c> that accepts every payment, and purchases started
/// through the app's own payments service.
/// </summary>
internal sealed class BrowserPurchases : IPurchaseListener
{
    public const string PurchaseKind = "browser";

    public string Kind => PurchaseKind;

    public static void AddSeller(IServiceCollection services) => services.AddScoped<IPurchaseListener, BrowserPurchases>();

    public static async Task<PaymentView> StartAsync(BrowserFixture browser, string studentId, string mentorId, long price)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var now = scope.ServiceProvider.GetRequiredService<IClock>().GetCurrentInstant();
        return await scope.ServiceProvider.GetRequiredService<PaymentsService>().StartCheckoutAsync(new Purchase(
            PurchaseKind, Guid.NewGuid().ToString(), studentId, mentorId, new Money(price, "INR"), "45-minute session with Lakshmi Reddy",
            now + Duration.FromMinutes(10), "/payments"), CancellationToken.None);
    }

    public Task<PurchaseDecision> OnPaymentSucceededAsync(PaymentSucceeded payment, CancellationToken cancellationToken) =>
        Task.FromResult(PurchaseDecision.Accepted);

    public Task OnPaymentFailedAsync(PaymentFailed payment, CancellationToken cancellationToken) => Task.CompletedTask;
}
