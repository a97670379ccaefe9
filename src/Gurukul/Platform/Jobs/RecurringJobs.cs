using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Platform.Jobs;

/// <summary>
/// Work that comes back on a fixed interval (purging expired keys). It rides the ordinary queue: one pending row per kind,
/// which each run replaces with the next one, so it runs on one node at a time and survives restarts like any job.
/// </summary>
public interface IRecurringJob
{
    string Kind { get; }

    Duration Interval { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>Runs a recurring job and queues its next run, also after its last failed attempt, so the chain never breaks.</summary>
internal sealed class RecurringJobHandler<TJob>(TJob job, GurukulDbContext db, JobQueue queue, IClock clock) : IJobHandler
    where TJob : IRecurringJob
{
    public string Kind => job.Kind;

    public async Task RunAsync(string payload, CancellationToken cancellationToken)
    {
        await job.RunAsync(cancellationToken);
        await ScheduleNextAsync(cancellationToken);
    }

    public Task OnDeadAsync(string payload, string lastError, CancellationToken cancellationToken) => ScheduleNextAsync(cancellationToken);

    // A rerun after a lost lease, or two nodes seeding at once, finds a pending run already there and adds none: the chains
    // merge back into one.
    private async Task ScheduleNextAsync(CancellationToken cancellationToken)
    {
        if (!await db.Set<Job>().AnyAsync(j => j.Kind == job.Kind && j.Status == JobStatus.Pending, cancellationToken))
        {
            await queue.EnqueueAsync(job.Kind, new { }, clock.GetCurrentInstant() + job.Interval, cancellationToken);
        }
    }
}

/// <summary>The kinds registered with <see cref="JobsSetup.AddRecurringJob{TJob}"/>.</summary>
internal sealed record RecurringJobKind(string Kind);

/// <summary>At start-up, queues a first run of every recurring kind that has no pending or running job.</summary>
internal sealed class RecurringJobSeeder(IServiceScopeFactory scopes, IEnumerable<RecurringJobKind> kinds) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        foreach (var kind in kinds.Select(k => k.Kind).Distinct(StringComparer.Ordinal))
        {
            if (!await db.Set<Job>().AnyAsync(j => j.Kind == kind && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running), cancellationToken))
            {
                queue.Add(kind, new { });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
