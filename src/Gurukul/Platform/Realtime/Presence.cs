using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Gurukul.Platform.Realtime;

/// <summary>
/// Who is online: a user with at least one open stream on any node. Nothing is stored (presence is ephemeral): each node
/// knows its own streams, and on PostgreSQL the nodes tell each other who connected and left, plus a full snapshot every
/// <see cref="RealtimeOptions.PresenceSnapshotInterval"/> so that a node that started late or missed news catches up, and a
/// node that died is forgotten after three silent intervals. A user whose last stream closes stays online for
/// <see cref="RealtimeOptions.PresenceGrace"/>, so moving from page to page does not flicker. Coming online and going
/// offline are told to the user's contacts (<see cref="IPresenceAudience"/>) as <c>presence</c> events.
/// </summary>
public sealed partial class Presence : IDisposable
{
    private const int SnapshotPartSize = 150;

    private readonly RealtimeConnections _connections;
    private readonly IRealtimeBus _bus;
    private readonly IServiceScopeFactory _scopes;
    private readonly RealtimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<Presence> _logger;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _leaving = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RemoteNode> _remote = new(StringComparer.Ordinal);
    private readonly Lock _remoteLock = new();
    private long _snapshots;

    public Presence(
        RealtimeConnections connections, IRealtimeBus bus, IServiceScopeFactory scopes, IOptions<RealtimeOptions> options, TimeProvider time,
        ILogger<Presence> logger)
    {
        _connections = connections;
        _bus = bus;
        _scopes = scopes;
        _options = options.Value;
        _time = time;
        _logger = logger;
        connections.UserConnected += LocalUserConnected;
        connections.UserDisconnected += LocalUserDisconnected;
    }

    /// <summary>This process among the nodes: unique per app instance, so two apps in one test process are two nodes.</summary>
    public string Node { get; } = Guid.NewGuid().ToString("N");

    public bool IsOnline(string userId) => _connections.HasUser(userId) || _leaving.ContainsKey(userId) || OnAnotherNode(userId);

    public void Dispose()
    {
        _connections.UserConnected -= LocalUserConnected;
        _connections.UserDisconnected -= LocalUserDisconnected;
        foreach (var leaving in _leaving.Values)
        {
            leaving.Cancel();
        }
    }

    /// <summary>News from another node (this node's own echo is ignored).</summary>
    public void ApplyRemote(PresenceNews news)
    {
        if (news.Node == Node)
        {
            return;
        }

        lock (_remoteLock)
        {
            if (!_remote.TryGetValue(news.Node, out var node))
            {
                _remote[news.Node] = node = new RemoteNode();
            }

            node.HeardAt = _time.GetUtcNow();
            if (news.Snapshot is { } snapshot)
            {
                if (news.Part == 0 || node.Building is null || node.BuildingSnapshot != snapshot)
                {
                    node.Building = new HashSet<string>(StringComparer.Ordinal);
                    node.BuildingSnapshot = snapshot;
                }

                node.Building.UnionWith(news.On);
                if (news.Last)
                {
                    node.Users = node.Building;
                    node.Building = null;
                }

                return;
            }

            foreach (var set in new[] { node.Users, node.Building })
            {
                set?.UnionWith(news.On);
                set?.ExceptWith(news.Off);
            }
        }
    }

    /// <summary>Everyone connected here, in parts small enough for one notification each.</summary>
    public IReadOnlyList<PresenceNews> Snapshot()
    {
        var users = _connections.Users.Concat(_leaving.Keys).Distinct(StringComparer.Ordinal).ToList();
        var snapshot = Interlocked.Increment(ref _snapshots);
        var parts = users.Chunk(SnapshotPartSize).ToList();
        if (parts.Count == 0)
        {
            return [new PresenceNews(Node, [], [], snapshot, 0, Last: true)];
        }

        return [.. parts.Select((part, i) => new PresenceNews(Node, part, [], snapshot, i, Last: i == parts.Count - 1))];
    }

    /// <summary>Forgets nodes not heard from for three snapshot intervals: they stopped, or died.</summary>
    public void ForgetSilentNodes()
    {
        var cutoff = _time.GetUtcNow() - (3 * _options.PresenceSnapshotInterval);
        lock (_remoteLock)
        {
            foreach (var silent in _remote.Where(r => r.Value.HeardAt < cutoff).Select(r => r.Key).ToList())
            {
                _remote.Remove(silent);
            }
        }
    }

    private bool OnAnotherNode(string userId)
    {
        lock (_remoteLock)
        {
            return _remote.Values.Any(node => node.Users.Contains(userId));
        }
    }

    private void LocalUserConnected(string userId)
    {
        if (_leaving.TryRemove(userId, out var leaving))
        {
            // Back within the grace period (a page change): nobody was told they left, so nobody needs telling now.
            leaving.Cancel();
            return;
        }

        var elsewhere = OnAnotherNode(userId);
        _ = AnnounceAsync(new PresenceNews(Node, [userId], []), userId, online: true, tellContacts: !elsewhere);
    }

    private void LocalUserDisconnected(string userId)
    {
        var leaving = new CancellationTokenSource();
        _leaving[userId] = leaving;
        _ = LeaveAfterGraceAsync(userId, leaving);
    }

    private async Task LeaveAfterGraceAsync(string userId, CancellationTokenSource leaving)
    {
        try
        {
            await Task.Delay(_options.PresenceGrace, _time, leaving.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // A source without a timer holds nothing to dispose; leaving it to the collector avoids racing a late Cancel.
        if (_leaving.TryRemove(new KeyValuePair<string, CancellationTokenSource>(userId, leaving)) && !_connections.HasUser(userId))
        {
            await AnnounceAsync(new PresenceNews(Node, [], [userId]), userId, online: false, tellContacts: !OnAnotherNode(userId));
        }
    }

    private async Task AnnounceAsync(PresenceNews news, string userId, bool online, bool tellContacts)
    {
        try
        {
            await _bus.AnnouncePresenceAsync(news, CancellationToken.None);
            if (!tellContacts)
            {
                return;
            }

            await using var scope = _scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetService<IPresenceAudience>() is not { } audience)
            {
                return;
            }

            var contacts = await audience.ContactsOfAsync(userId, CancellationToken.None);
            if (contacts.Count > 0)
            {
                var data = JsonSerializer.Serialize(new PresenceChange(userId, online), JsonSerializerOptions.Web);
                await _bus.SendEphemeralAsync(contacts, new EphemeralEvent(RealtimeEventTypes.Presence, data), CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            // Presence is a courtesy: a failure here must never reach the stream that triggered it.
            LogAnnounceFailed(_logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A presence change could not be announced")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception);

    private sealed class RemoteNode
    {
        public HashSet<string> Users { get; set; } = new(StringComparer.Ordinal);
        public HashSet<string>? Building { get; set; }
        public long BuildingSnapshot { get; set; }
        public DateTimeOffset HeardAt { get; set; }
    }
}

/// <summary>The data of a <c>presence</c> event.</summary>
public sealed record PresenceChange(string UserId, bool Online);
