using Gurukul.Platform.Web;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Payments;

/// <summary>
/// How many checkouts one user may start per window, on this node. Held here rather than on an endpoint so that every way into
/// a checkout counts.
/// </summary>
public sealed class CheckoutRateLimiter(IOptions<PaymentOptions> options) : IDisposable
{
    private readonly PerUserLimiter _limiter = new(options.Value.CheckoutLimit, options.Value.CheckoutWindow);

    /// <summary>Takes one permit for <paramref name="userId"/>; when none is left, how long until one is.</summary>
    public TimeSpan? TryAcquire(string userId) => _limiter.TryAcquire(userId);

    public void Dispose() => _limiter.Dispose();
}
