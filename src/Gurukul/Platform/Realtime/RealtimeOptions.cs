namespace Gurukul.Platform.Realtime;

/// <summary>The <c>Realtime</c> configuration section.</summary>
public sealed class RealtimeOptions
{
    /// <summary>How long durable events are kept for <c>Last-Event-ID</c> resumes (API.md asks for at least five minutes).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often an idle stream sends a comment line, so that proxies do not close it and dead clients are noticed.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a user stays "online" after their last stream closed: a page change reconnects within this.</summary>
    public TimeSpan PresenceGrace { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How often a node tells the others everyone connected to it (PostgreSQL only), and how long that news lasts.</summary>
    public TimeSpan PresenceSnapshotInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The reconnection delay the stream asks browsers to use (the SSE <c>retry:</c> field).</summary>
    public TimeSpan ClientRetry { get; set; } = TimeSpan.FromSeconds(3);
}
