using Gurukul.Features.Payments;
using Microsoft.Extensions.Options;
using Xunit;

namespace Gurukul.Tests.Features.Payments;

/// <summary>Checkout starts are limited per user, so a script cannot open orders with a provider without end.</summary>
public sealed class CheckoutLimitTests
{
    [Fact]
    public void Limiter_AllowsTheLimitPerUser_ThenSaysHowLongToWait_AndCountsEachUserApart()
    {
        using var limiter = new CheckoutRateLimiter(Options.Create(new PaymentOptions { CheckoutLimit = 2, CheckoutWindow = TimeSpan.FromMinutes(10) }));

        Assert.Null(limiter.TryAcquire("student-a"));
        Assert.Null(limiter.TryAcquire("student-a"));
        var wait = limiter.TryAcquire("student-a");
        Assert.Null(limiter.TryAcquire("student-b"));

        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
    }
}
