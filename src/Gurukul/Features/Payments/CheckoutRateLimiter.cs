using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Payments;

/// <summary>
/// How many checkouts one user may start per window, on this node (state per node, like the other limits until the
/// PostgreSQL-backed limiter arrives). Held here rather than on an endpoint so that every way into a checkout counts.
/// </summary>
public sealed class CheckoutRateLimiter(IOptions<PaymentOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.CheckoutLimit, Window = options.Value.CheckoutWindow, QueueLimit = 0,
        }));

    /// <summary>Takes one permit for <paramref name="userId"/>; when none is left, how long until one is.</summary>
    public TimeSpan? TryAcquire(string userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Value.CheckoutWindow;
    }

    public void Dispose() => _limiter.Dispose();
}
