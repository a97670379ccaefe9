using System.Security.Claims;
using System.Threading.Channels;

namespace Gurukul.Platform.Realtime;

/// <summary>An ephemeral event on its way to a stream: sent once, never stored, without an SSE id.</summary>
public sealed record EphemeralEvent(string Type, string Data);

/// <summary>
/// One open stream on this node. Its loop (<see cref="EventStreamEndpoint"/>) waits here for something to send: a wake-up
/// saying the user has new durable events (read from the database, after the stream's cursor), or an ephemeral event.
/// Wake-ups coalesce, so a burst of events costs one read; ephemeral events beyond a small buffer are dropped (typing
/// and presence are worth nothing late).
/// </summary>
public sealed class RealtimeConnection(string userId, ClaimsPrincipal viewer)
{
    private const int EphemeralBuffer = 32;

    private readonly Channel<EphemeralEvent?> _signals = Channel.CreateBounded<EphemeralEvent?>(
        new BoundedChannelOptions(EphemeralBuffer + 1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private int _wakePending;

    public Guid Id { get; } = Guid.NewGuid();
    public string UserId { get; } = userId;
    public ClaimsPrincipal Viewer { get; } = viewer;

    /// <summary>The user has durable events this stream may not have sent yet.</summary>
    public void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _signals.Writer.TryWrite(null);
        }
    }

    public void Send(EphemeralEvent ephemeral) => _signals.Writer.TryWrite(ephemeral);

    /// <summary>Waits up to <paramref name="timeout"/>; returns the ephemeral events to send and whether durable events are due.</summary>
    public async Task<(List<EphemeralEvent> Ephemeral, bool DurableDue)> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ephemeral = new List<EphemeralEvent>();
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            wait.CancelAfter(timeout);
            try
            {
                await _signals.Reader.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Quiet for a while: the caller sends a keep-alive.
            }
        }

        while (_signals.Reader.TryRead(out var signal))
        {
            if (signal is not null)
            {
                ephemeral.Add(signal);
            }
        }

        // Cleared before the caller reads the database, so a wake-up arriving during that read is not lost.
        var durableDue = Interlocked.Exchange(ref _wakePending, 0) == 1;
        return (ephemeral, durableDue);
    }
}
