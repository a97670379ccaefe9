using System.Collections.Concurrent;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Gurukul.Tests.Platform;

public sealed class JobRunnerTests
{
    // Milliseconds instead of seconds, so retries and polls happen within a test's patience.
    private static readonly Dictionary<string, string?> FastJobs = new()
    {
        ["Jobs:PollInterval"] = "00:00:00.020",
        ["Jobs:RetryBaseDelay"] = "00:00:00.010",
    };

    [Theory, AllProviders]
    public async Task EnqueuedJob_Runs_AndSucceeds(DatabaseProvider provider)
    {
        var recorder = new JobRecorder();
        await using var app = await StartAsync(provider, recorder);
        var id = Guid.NewGuid();

        await EnqueueAsync(app, new TestPayload(id));
        var job = await WaitForAsync(app, id, j => j.Status == JobStatus.Succeeded);

        Assert.Equal(1, job.Attempts);
        Assert.NotNull(job.CompletedAt);
        Assert.Null(job.LockedBy);
        Assert.Equal(1, recorder.Runs[id]);
    }

    [Theory, AllProviders]
    public async Task FailingJob_IsRetriedWithGrowingDelays_UntilItSucceeds(DatabaseProvider provider)
    {
        var recorder = new JobRecorder();
        await using var app = await StartAsync(provider, recorder, new() { ["Jobs:RetryBaseDelay"] = "00:00:00.050" });
        var id = Guid.NewGuid();

        await EnqueueAsync(app, new TestPayload(id, FailTimes: 2));
        var job = await WaitForAsync(app, id, j => j.Status == JobStatus.Succeeded);

        Assert.Equal(3, job.Attempts);
        Assert.Equal(3, recorder.Runs[id]);
        Assert.Contains("Planned failure 2", job.LastError, StringComparison.Ordinal);
        var runAts = recorder.RunAts[id].ToList();
        Assert.True(runAts[0] < runAts[1] && runAts[1] < runAts[2], "each retry is scheduled later: " + string.Join(", ", runAts));
        // The second retry waits at least half of base × 2 after the second failure, which came after the first retry's RunAt.
        Assert.True(runAts[2] - runAts[1] >= Duration.FromMilliseconds(50), $"second retry delay {runAts[2] - runAts[1]}");
    }

    [Theory, AllProviders]
    public async Task AlwaysFailingJob_IsDeadAfterMaxAttempts_WithItsLastError(DatabaseProvider provider)
    {
        var recorder = new JobRecorder();
        await using var app = await StartAsync(provider, recorder);
        var id = Guid.NewGuid();

        await EnqueueAsync(app, new TestPayload(id, FailTimes: int.MaxValue));
        var job = await WaitForAsync(app, id, j => j.Status == JobStatus.Dead);

        Assert.Equal(Job.DefaultMaxAttempts, job.MaxAttempts);
        Assert.Equal(job.MaxAttempts, job.Attempts);
        Assert.Equal(job.MaxAttempts, recorder.Runs[id]);
        Assert.Equal($"Planned failure {job.MaxAttempts}", job.LastError);
        Assert.NotNull(job.CompletedAt);
    }

    [Theory, AllProviders]
    public async Task JobOfUnknownKind_IsDeadAtOnce_SayingWhy(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider, new JobRecorder());
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync("test.nobody_handles_this", new { });
        }

        Job? job = null;
        await Poll.UntilAsync(async () => (job = await FindAsync(app, j => j.Kind == "test.nobody_handles_this"))?.Status == JobStatus.Dead,
            "the job of unknown kind is dead");

        Assert.Equal(1, job!.Attempts);
        Assert.Equal("No handler is registered for job kind 'test.nobody_handles_this'.", job.LastError);
    }

    [Theory, AllProviders]
    public async Task RunningJob_WhoseLeaseExpired_IsTakenOverAndCompleted(DatabaseProvider provider)
    {
        // What a restart leaves behind: a job claimed by a node that died, and one whose node is still at work.
        var recorder = new JobRecorder();
        await using var app = await StartAsync(provider, recorder);
        var abandoned = Guid.NewGuid();
        var leased = Guid.NewGuid();
        var now = SystemClock.Instance.GetCurrentInstant();
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
            db.Set<Job>().Add(RunningJob(abandoned, "node-that-died", lockedUntil: now - Duration.FromMinutes(1), now));
            db.Set<Job>().Add(RunningJob(leased, "node-still-working", lockedUntil: now + Duration.FromMinutes(10), now));
            await db.SaveChangesAsync();
        }

        var job = await WaitForAsync(app, abandoned, j => j.Status == JobStatus.Succeeded);
        var stillLeased = await FindAsync(app, j => j.Payload.Contains(leased.ToString()));

        Assert.Equal(2, job.Attempts);
        Assert.Equal(1, recorder.Runs[abandoned]);
        Assert.Equal(JobStatus.Running, stillLeased!.Status);
        Assert.Equal("node-still-working", stillLeased.LockedBy);
        Assert.Equal(1, stillLeased.Attempts);
        Assert.False(recorder.Runs.ContainsKey(leased));
    }

    [Theory, AllProviders]
    public async Task TwoNodesOnOneDatabase_RunEveryJobExactlyOnce(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        try
        {
            var recorder = new JobRecorder();
            await using var nodeA = new GurukulApp(database, FastJobs, services => AddRecording(services, recorder, "a"), ownsDatabase: false);
            _ = nodeA.Server; // migrated before the second node starts, as in a rolling deployment
            await using var nodeB = new GurukulApp(database, FastJobs, services => AddRecording(services, recorder, "b"), ownsDatabase: false);
            _ = nodeB.Server;

            var ids = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToList();
            await using (var scope = nodeA.Scope())
            {
                var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
                ids.ForEach(id => queue.Add(RecordingJob.JobKind, new TestPayload(id, WorkMilliseconds: 5)));
                await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().SaveChangesAsync();
            }

            await Poll.UntilAsync(async () => await CountAsync(nodeA, JobStatus.Succeeded) == ids.Count, "all 100 jobs succeeded",
                TimeSpan.FromMinutes(1));

            Assert.Equal(ids.Order(), recorder.Runs.Keys.Order());
            Assert.All(recorder.Runs, run => Assert.Equal(1, run.Value));
            if (provider == DatabaseProvider.Postgres)
            {
                // SQLite serves one node; on PostgreSQL both nodes share the work.
                Assert.True(recorder.ByNode.GetValueOrDefault("a") > 0 && recorder.ByNode.GetValueOrDefault("b") > 0,
                    $"both nodes ran jobs: a={recorder.ByNode.GetValueOrDefault("a")}, b={recorder.ByNode.GetValueOrDefault("b")}");
            }
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public void Backoff_DoublesWithEachAttempt_WithJitter_UpToTheCap()
    {
        var baseDelay = TimeSpan.FromSeconds(5);
        var cap = TimeSpan.FromHours(1);

        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var full = Duration.FromSeconds(5 * Math.Pow(2, attempt - 1));
            var delay = JobStore.Backoff(attempt, baseDelay, cap);
            Assert.InRange(delay, full / 2, full);
        }

        Assert.InRange(JobStore.Backoff(40, baseDelay, cap), Duration.FromMinutes(30), Duration.FromHours(1));
    }

    private static Task<GurukulApp> StartAsync(DatabaseProvider provider, JobRecorder recorder, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(FastJobs);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return GurukulApp.StartAsync(provider, all, services => AddRecording(services, recorder, "a"));
    }

    private static void AddRecording(IServiceCollection services, JobRecorder recorder, string node) =>
        services.AddSingleton(recorder).AddSingleton(new NodeName(node)).AddJobHandler<RecordingJob>();

    private static async Task EnqueueAsync(GurukulApp app, TestPayload payload)
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(RecordingJob.JobKind, payload);
    }

    private static async Task<Job> WaitForAsync(GurukulApp app, Guid id, Func<Job, bool> done)
    {
        Job? job = null;
        var payload = id.ToString();
        await Poll.UntilAsync(async () => (job = await FindAsync(app, j => j.Payload.Contains(payload))) is { } found && done(found),
            $"job {id} is done");
        return job!;
    }

    private static async Task<Job?> FindAsync(GurukulApp app, System.Linq.Expressions.Expression<Func<Job, bool>> which)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<Job>().AsNoTracking().SingleOrDefaultAsync(which);
    }

    private static async Task<int> CountAsync(GurukulApp app, JobStatus status)
    {
        await using var scope = app.Scope();
        // Only the test's own jobs: recurring work (the idempotency-key purge) shares the queue.
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<Job>().CountAsync(j => j.Kind == RecordingJob.JobKind && j.Status == status);
    }

    private static Job RunningJob(Guid id, string node, Instant lockedUntil, Instant now) => new()
    {
        Kind = RecordingJob.JobKind,
        Payload = JsonSerializer.Serialize(new TestPayload(id), JsonSerializerOptions.Web),
        Status = JobStatus.Running,
        LockedBy = node,
        LockedUntil = lockedUntil,
        Attempts = 1,
        RunAt = now - Duration.FromMinutes(6),
        CreatedAt = now - Duration.FromMinutes(6),
    };
}

public sealed record TestPayload(Guid Id, int FailTimes = 0, int WorkMilliseconds = 0);

public sealed record NodeName(string Name);

/// <summary>What the test handlers did, shared between a test and the app (or apps) it starts.</summary>
public sealed class JobRecorder
{
    public ConcurrentDictionary<Guid, int> Runs { get; } = new();
    public ConcurrentDictionary<Guid, ConcurrentQueue<Instant>> RunAts { get; } = new();
    public ConcurrentDictionary<string, int> ByNode { get; } = new();
}

/// <summary>Records each run (with the RunAt its job had), optionally works a little, and fails the first <c>FailTimes</c> runs.</summary>
public sealed class RecordingJob(JobRecorder recorder, NodeName node, GurukulDbContext db) : IJobHandler
{
    public const string JobKind = "test.record";

    public string Kind => JobKind;

    public async Task RunAsync(string payload, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<TestPayload>(payload, JsonSerializerOptions.Web)!;
        var runAt = await db.Set<Job>().Where(j => j.Kind == JobKind && j.Payload == payload).Select(j => j.RunAt).SingleAsync(cancellationToken);
        recorder.RunAts.GetOrAdd(job.Id, _ => new ConcurrentQueue<Instant>()).Enqueue(runAt);
        var run = recorder.Runs.AddOrUpdate(job.Id, 1, (_, runs) => runs + 1);
        recorder.ByNode.AddOrUpdate(node.Name, 1, (_, runs) => runs + 1);
        await Task.Delay(job.WorkMilliseconds, cancellationToken);
        if (run <= job.FailTimes)
        {
            throw new InvalidOperationException($"Planned failure {run}");
        }
    }
}
