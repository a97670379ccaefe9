using System.Threading.Channels;

namespace Gurukul.Platform.Jobs;

/// <summary>Wakes this process's runner when a job was committed here, so it need not wait for its next poll.</summary>
public sealed class JobSignal
{
    // One pending wake-up is enough: the runner drains every due job before it waits again.
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Returns when notified, when <paramref name="timeout"/> has passed, or when <paramref name="cancellationToken"/> fires.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await _wakeUps.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // Timed out or shutting down: either way the caller's loop decides what comes next.
        }
    }
}
