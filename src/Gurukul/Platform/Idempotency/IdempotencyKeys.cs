using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Platform.Idempotency;

/// <summary>The <c>Idempotency</c> configuration section.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>How long a key is remembered; API.md promises at least 24 hours.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long an unfinished request holds its key before a retry may run it again (its node may have died).</summary>
    public TimeSpan Lock { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>What <see cref="IdempotencyKeys.ClaimAsync"/> found.</summary>
public abstract record IdempotencyClaim
{
    /// <summary>The key is this request's now: run it, then complete or release the claim.</summary>
    public sealed record Granted(Guid RecordId) : IdempotencyClaim;

    /// <summary>The same request already finished: send its response again.</summary>
    public sealed record Replay(IdempotencyRecord Record) : IdempotencyClaim;

    /// <summary>The same request is still running elsewhere (409).</summary>
    public sealed record InProgress : IdempotencyClaim;

    /// <summary>The key was used with a different request (422).</summary>
    public sealed record Mismatch : IdempotencyClaim;
}

/// <summary>
/// Reads and writes <c>idempotency_keys</c> with set-based statements only: the endpoint's own work shares the scoped
/// <see cref="GurukulDbContext"/>, and whatever it left tracked (a failed save) must never be saved by this bookkeeping.
/// </summary>
public sealed class IdempotencyKeys(GurukulDbContext db, IOptions<IdempotencyOptions> options, IClock clock)
{
    public async Task<IdempotencyClaim> ClaimAsync(string userId, string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var records = db.Set<IdempotencyRecord>();
        // A forgotten key (past retention, not yet purged) is no key: clear it so the insert below can take it.
        await records.Where(r => r.UserId == userId && r.Key == key && r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);

        var id = Guid.CreateVersion7();
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO idempotency_keys (id, user_id, key, request_hash, created_at, expires_at, locked_until)
            VALUES ({id}, {userId}, {key}, {requestHash}, {now.ToDateTimeUtc()}, {(now + Duration.FromTimeSpan(options.Value.Retention)).ToDateTimeUtc()},
                    {(now + Duration.FromTimeSpan(options.Value.Lock)).ToDateTimeUtc()})
            ON CONFLICT (user_id, key) DO NOTHING
            """, cancellationToken);
        if (inserted == 1)
        {
            return new IdempotencyClaim.Granted(id);
        }

        var existing = await records.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, cancellationToken);
        if (existing is null)
        {
            // Completed, released or purged between the two statements: the caller may simply try again.
            return new IdempotencyClaim.InProgress();
        }

        if (existing.RequestHash != requestHash)
        {
            return new IdempotencyClaim.Mismatch();
        }

        if (existing.CompletedAt is not null)
        {
            return new IdempotencyClaim.Replay(existing);
        }

        // Unfinished past its lock: the request that held it died with its node. Take it over, unless another retry just did.
        var takenOver = await records
            .Where(r => r.Id == existing.Id && r.CompletedAt == null && r.LockedUntil <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.LockedUntil, now + Duration.FromTimeSpan(options.Value.Lock)), cancellationToken);
        return takenOver == 1 ? new IdempotencyClaim.Granted(existing.Id) : new IdempotencyClaim.InProgress();
    }

    public Task CompleteAsync(Guid recordId, int status, string? contentType, string? location, byte[] body, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().Where(r => r.Id == recordId).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.CompletedAt, clock.GetCurrentInstant())
            .SetProperty(r => r.ResponseStatus, status)
            .SetProperty(r => r.ResponseContentType, contentType)
            .SetProperty(r => r.ResponseLocation, location)
            .SetProperty(r => r.ResponseBody, body), cancellationToken);

    /// <summary>Forgets a claim whose request failed, so that the client can try again with the same key.</summary>
    public Task ReleaseAsync(Guid recordId) =>
        db.Set<IdempotencyRecord>().Where(r => r.Id == recordId && r.CompletedAt == null).ExecuteDeleteAsync(CancellationToken.None);

    /// <summary>Deletes every key past its retention; returns how many.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        return db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
