using System.Threading.RateLimiting;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Accounts;

public sealed class PasswordHashingOptions
{
    /// <summary>Password hashes computed at once. Default: half the cores (at least one), so the other half keeps serving pages.</summary>
    public int MaxConcurrent { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Requests that may wait for a turn; one more is refused at once with 503 and <c>Retry-After</c>.</summary>
    public int QueueLimit { get; set; } = 8 * Math.Max(1, Environment.ProcessorCount / 2);
}

/// <summary>
/// Every password hash Gurukul computes (sign-in, including the decoy for unknown emails, sign-up, reset, change, turning off
/// two-factor) takes a turn here first. PBKDF2 at 210,000 iterations is a deliberately slow, CPU-bound ~0.1 s; fifty sign-ins
/// at once used to take every core for seconds and starve search and health probes. Turns are handed out in arrival order
/// by the framework's <see cref="ConcurrencyLimiter"/>, waiting without holding a thread; a full queue answers 503 with
/// <c>Retry-After</c> (docs/adr/0018-account-protection.md).
/// </summary>
public sealed class PasswordHashingGate : IDisposable
{
    /// <summary>What a refused caller is told to wait: a few hashes' worth, enough for the queue to move.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private readonly ConcurrencyLimiter _limiter;
    private readonly IStringLocalizer<Strings> _text;

    public PasswordHashingGate(IOptions<PasswordHashingOptions> options, IStringLocalizer<Strings> text)
    {
        _text = text;
        var settings = options.Value;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, settings.MaxConcurrent),
            QueueLimit = Math.Max(0, settings.QueueLimit),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Waits for a turn; dispose the result when the hashing is done. Throws <see cref="ServiceUnavailableException"/> when the queue is full.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        throw new ServiceUnavailableException(_text["account.busy"], RetryAfter);
    }

    public void Dispose() => _limiter.Dispose();
}
