namespace Gurukul.Platform.Jobs;

/// <summary>
/// Runs the jobs of one <see cref="Kind"/>. Resolved in a fresh DI scope for every run. A run that throws is retried
/// with backoff, so a handler must tolerate running again after a partial or unrecorded success.
/// </summary>
public interface IJobHandler
{
    string Kind { get; }

    Task RunAsync(string payload, CancellationToken cancellationToken);

    /// <summary>Called once when the job has failed for the last time and is marked dead; <paramref name="lastError"/> says why.</summary>
    Task OnDeadAsync(string payload, string lastError, CancellationToken cancellationToken) => Task.CompletedTask;
}
