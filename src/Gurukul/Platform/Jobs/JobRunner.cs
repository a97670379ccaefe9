using Microsoft.Extensions.Options;

namespace Gurukul.Platform.Jobs;

/// <summary>
/// Runs due jobs one at a time on this node: claims one (see <see cref="JobStore"/>), runs its handler in its own DI
/// scope, records the outcome, and when none is due waits for a local enqueue or the poll interval. A failed database
/// call is logged and retried after the poll interval: a database hiccup must never stop the host.
/// </summary>
internal sealed partial class JobRunner(IServiceScopeFactory scopes, JobSignal signal, IOptions<JobOptions> options, ILogger<JobRunner> logger)
    : BackgroundService
{
    // Unique per process and per host, so leases held by two apps in one process (tests) are told apart too.
    private readonly string _node = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            bool ranOne;
            try
            {
                ranOne = await RunNextAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogQueueUnavailable(logger, exception);
                ranOne = false;
            }

            if (!ranOne)
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    private async Task<bool> RunNextAsync(CancellationToken stoppingToken)
    {
        Job? job;
        await using (var scope = scopes.CreateAsyncScope())
        {
            job = await scope.ServiceProvider.GetRequiredService<JobStore>().ClaimAsync(_node, stoppingToken);
        }

        if (job is not null)
        {
            await RunAsync(job, stoppingToken);
        }

        return job is not null;
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (FindHandler(scope, job) is not { } handler)
            {
                await FailAsync(job, $"No handler is registered for job kind '{job.Kind}'.", giveUp: true);
                return;
            }

            try
            {
                await handler.RunAsync(job.Payload, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await RecordAsync(store => store.ReleaseAsync(job, CancellationToken.None));
                return;
            }
            catch (Exception exception)
            {
                LogJobFailed(logger, exception, job.Kind, job.Id, job.Attempts, job.MaxAttempts);
                await FailAsync(job, Messages(exception), giveUp: false);
                return;
            }
        }

        await RecordAsync(store => store.SucceedAsync(job, CancellationToken.None));
    }

    private async Task FailAsync(Job job, string error, bool giveUp)
    {
        var dead = false;
        await RecordAsync(async store => dead = await store.FailAsync(job, error, giveUp, CancellationToken.None));
        if (!dead)
        {
            return;
        }

        LogJobDead(logger, job.Kind, job.Id, job.Attempts, error);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await (FindHandler(scope, job)?.OnDeadAsync(job.Payload, error, CancellationToken.None) ?? Task.CompletedTask);
        }
        catch (Exception exception)
        {
            LogDeadHookFailed(logger, exception, job.Kind, job.Id);
        }
    }

    private static IJobHandler? FindHandler(AsyncServiceScope scope, Job job) =>
        scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind);

    // Outcomes are written from a fresh scope: the handler may have left its DbContext in a failed state.
    private async Task RecordAsync(Func<JobStore, Task> write)
    {
        await using var scope = scopes.CreateAsyncScope();
        await write(scope.ServiceProvider.GetRequiredService<JobStore>());
    }

    // The messages of the exception chain, never the stack: "Failure sending mail. → Connection refused".
    private static string Messages(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" → ", messages);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job runner disabled (Jobs:Enabled=false); this node only enqueues jobs")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job queue could not be read or updated (is the database down?); retrying after the poll interval")]
    private static partial void LogQueueUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Kind} {JobId} failed on attempt {Attempt} of {MaxAttempts}")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string kind, Guid jobId, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Kind} {JobId} is dead after {Attempts} attempt(s): {Error}")]
    private static partial void LogJobDead(ILogger logger, string kind, Guid jobId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The dead-job hook of {Kind} {JobId} failed")]
    private static partial void LogDeadHookFailed(ILogger logger, Exception exception, string kind, Guid jobId);
}
