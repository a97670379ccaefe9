using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Platform.Jobs;

/// <summary>
/// The runner's reads and writes on the <c>jobs</c> table. Every write after the claim is fenced on the claim itself
/// (runner and attempt number), so a runner whose lease expired and was taken over cannot overwrite the new owner.
/// </summary>
internal sealed class JobStore(GurukulDbContext db, DatabaseSettings settings, IOptions<JobOptions> options, IClock clock)
{
    // One statement claims one due job (pending and due, or running with an expired lease) and returns it. On
    // PostgreSQL, SKIP LOCKED lets concurrent runners on other nodes pass over a row being claimed instead of waiting
    // for it or claiming it twice. Times are bound as UTC DateTime parameters, the form EF stores Instants in.
    private const string PostgresClaim = """
        UPDATE jobs SET status = 'running', locked_by = {0}, locked_until = {1}, attempts = attempts + 1
        WHERE id = (
            SELECT id FROM jobs
            WHERE (status = 'pending' AND run_at <= {2}) OR (status = 'running' AND locked_until < {2})
            ORDER BY run_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED)
        RETURNING *
        """;

    // SQLite has one writer at a time, so the statement alone is atomic; it serves a single node.
    private const string SqliteClaim = """
        UPDATE jobs SET status = 'running', locked_by = {0}, locked_until = {1}, attempts = attempts + 1
        WHERE id = (
            SELECT id FROM jobs
            WHERE (status = 'pending' AND run_at <= {2}) OR (status = 'running' AND locked_until < {2})
            ORDER BY run_at
            LIMIT 1)
        RETURNING *
        """;

    /// <summary>Claims the next due job for <paramref name="node"/>, or returns null when none is due.</summary>
    public async Task<Job?> ClaimAsync(string node, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var lease = now + Duration.FromTimeSpan(options.Value.Lease);
        var claimed = await db.Set<Job>()
            .FromSqlRaw(settings.Provider == DatabaseProvider.Postgres ? PostgresClaim : SqliteClaim,
                node, lease.ToDateTimeUtc(), now.ToDateTimeUtc())
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return claimed.SingleOrDefault();
    }

    public Task SucceedAsync(Job job, CancellationToken cancellationToken) =>
        Claimed(job).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, JobStatus.Succeeded)
            .SetProperty(j => j.CompletedAt, clock.GetCurrentInstant())
            .SetProperty(j => j.LockedBy, (string?)null)
            .SetProperty(j => j.LockedUntil, (Instant?)null), cancellationToken);

    /// <summary>
    /// Schedules a retry after a failure, or marks the job dead when it has no attempts left or retrying cannot help
    /// (<paramref name="giveUp"/>). Returns true when the job is now dead.
    /// </summary>
    public async Task<bool> FailAsync(Job job, string error, bool giveUp, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var dead = giveUp || job.Attempts >= job.MaxAttempts;
        var retryAt = now + Backoff(job.Attempts, options.Value.RetryBaseDelay, options.Value.MaxRetryDelay);
        await Claimed(job).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, dead ? JobStatus.Dead : JobStatus.Pending)
            .SetProperty(j => j.RunAt, dead ? job.RunAt : retryAt)
            .SetProperty(j => j.CompletedAt, dead ? now : null)
            .SetProperty(j => j.LastError, Truncate(error))
            .SetProperty(j => j.LockedBy, (string?)null)
            .SetProperty(j => j.LockedUntil, (Instant?)null), cancellationToken);
        return dead;
    }

    /// <summary>Gives a job back untouched (shutdown interrupted it): due again at once, and the attempt does not count.</summary>
    public Task ReleaseAsync(Job job, CancellationToken cancellationToken) =>
        Claimed(job).ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, JobStatus.Pending)
            .SetProperty(j => j.Attempts, j => j.Attempts - 1)
            .SetProperty(j => j.LockedBy, (string?)null)
            .SetProperty(j => j.LockedUntil, (Instant?)null), cancellationToken);

    /// <summary>Exponential backoff with jitter: base × 2^(attempt−1), capped, then a random 50–100 % of that.</summary>
    public static Duration Backoff(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        // Jitter spreads the retries of jobs that failed together (an SMTP outage) so they do not return together.
        return Duration.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    private IQueryable<Job> Claimed(Job job) =>
        db.Set<Job>().Where(j => j.Id == job.Id && j.Status == JobStatus.Running && j.LockedBy == job.LockedBy && j.Attempts == job.Attempts);

    private static string Truncate(string error) => error.Length <= Job.LastErrorMaxLength ? error : error[..Job.LastErrorMaxLength];
}
