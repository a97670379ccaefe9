using Gurukul.Platform.Web;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Bookings;

/// <summary>The <c>Bookings</c> section.</summary>
public sealed class BookingOptions
{
    /// <summary>Booking attempts one student may make per <see cref="CreateWindow"/> (per node) before 429.</summary>
    public int CreateLimit { get; set; } = 10;

    public TimeSpan CreateWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>The limit on booking attempts per student (API.md: rate limits on anything guessable; holds block other students).</summary>
public sealed class BookingRateLimiter(IOptions<BookingOptions> options) : IDisposable
{
    private readonly PerUserLimiter _limiter = new(options.Value.CreateLimit, options.Value.CreateWindow);

    public TimeSpan? TryAcquire(string studentId) => _limiter.TryAcquire(studentId);

    public void Dispose() => _limiter.Dispose();
}
