using System.Collections.Concurrent;

namespace Gurukul.Platform.Realtime;

/// <summary>
/// The streams open on this node, by user. Whatever learns that a user has something to receive — a local save, a
/// PostgreSQL notification from another node — hands it to the user's streams here. The first stream of a user on this
/// node and the end of their last one are announced (<see cref="UserConnected"/>, <see cref="UserDisconnected"/>) for
/// <see cref="Presence"/>.
/// </summary>
public sealed class RealtimeConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, RealtimeConnection>> _byUser = new(StringComparer.Ordinal);
    private readonly Lock _membership = new();

    /// <summary>A user's first stream on this node opened.</summary>
    public event Action<string>? UserConnected;

    /// <summary>A user's last stream on this node closed.</summary>
    public event Action<string>? UserDisconnected;

    public int Count => _byUser.Values.Sum(c => c.Count);

    public IReadOnlyCollection<string> Users => [.. _byUser.Keys];

    public bool HasUser(string userId) => _byUser.ContainsKey(userId);

    public void Add(RealtimeConnection connection)
    {
        bool first;
        lock (_membership)
        {
            var mine = _byUser.GetOrAdd(connection.UserId, _ => new ConcurrentDictionary<Guid, RealtimeConnection>());
            first = mine.IsEmpty;
            mine[connection.Id] = connection;
        }

        if (first)
        {
            UserConnected?.Invoke(connection.UserId);
        }
    }

    public void Remove(RealtimeConnection connection)
    {
        var last = false;
        lock (_membership)
        {
            if (_byUser.TryGetValue(connection.UserId, out var mine) && mine.TryRemove(connection.Id, out _) && mine.IsEmpty)
            {
                _byUser.TryRemove(connection.UserId, out _);
                last = true;
            }
        }

        if (last)
        {
            UserDisconnected?.Invoke(connection.UserId);
        }
    }

    public void Wake(string userId)
    {
        if (_byUser.TryGetValue(userId, out var mine))
        {
            foreach (var connection in mine.Values)
            {
                connection.Wake();
            }
        }
    }

    /// <summary>After this node may have missed notifications (its listener reconnected): every stream checks the database.</summary>
    public void WakeAll()
    {
        foreach (var mine in _byUser.Values)
        {
            foreach (var connection in mine.Values)
            {
                connection.Wake();
            }
        }
    }

    public void Send(IEnumerable<string> userIds, EphemeralEvent ephemeral)
    {
        foreach (var userId in userIds)
        {
            if (_byUser.TryGetValue(userId, out var mine))
            {
                foreach (var connection in mine.Values)
                {
                    connection.Send(ephemeral);
                }
            }
        }
    }
}
