using System.Threading.RateLimiting;

namespace Gurukul.Platform.Web;

/// <summary>
/// At most <c>permitLimit</c> actions per user per fixed window, on this node (state per node, like the other limits until a
/// PostgreSQL-backed limiter arrives). Used by services whose limit is per signed-in user: the rate-limiting middleware runs
/// before authentication, so it cannot partition by user.
/// </summary>
public sealed class PerUserLimiter(int permitLimit, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0 }));

    /// <summary>Takes one permit for <paramref name="userId"/>; when none is left, how long until one is.</summary>
    public TimeSpan? TryAcquire(string userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
    }

    public void Dispose() => _limiter.Dispose();
}
