using System.Text.Json;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Platform.Realtime;

/// <summary>
/// The one way anything in Gurukul pushes to people's screens: each user's server-sent event stream
/// (<c>GET /api/v1/me/events</c>), on whichever node they are connected to (docs/adr/0028-realtime-stream.md).
/// <list type="bullet">
/// <item>Durable events (messages, read receipts, notifications, booking changes) are rows: <see cref="Add"/> puts them in the
/// caller's unit of work, so they exist exactly when the change they announce was committed, and a client that reconnects
/// with <c>Last-Event-ID</c> receives what it missed.</item>
/// <item>Ephemeral events (typing, presence, call signalling) are sent to whoever is connected now and forgotten.</item>
/// </list>
/// Data is JSON (camelCase); keep it small and send ids rather than documents where a renderer can read the rest
/// (<see cref="IRealtimeEventRenderer"/>).
/// </summary>
public sealed class RealtimeHub(GurukulDbContext db, IRealtimeBus bus, IClock clock) : IDisposable
{
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private bool _listening;

    /// <summary>
    /// Adds a durable <paramref name="type"/> event for each of <paramref name="userIds"/> to the current context
    /// <b>without saving</b>: the caller's <c>SaveChangesAsync</c> commits it with the caller's own changes.
    /// </summary>
    public void Add(IEnumerable<string> userIds, string type, object data)
    {
        var json = JsonSerializer.Serialize(data, JsonSerializerOptions.Web);
        var now = clock.GetCurrentInstant();
        // In user order: one transaction's rows always take PostgreSQL's event lock the same way.
        foreach (var userId in userIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            db.Set<RealtimeEvent>().Add(new RealtimeEvent { UserId = userId, Type = type, Data = json, CreatedAt = now });
            _pending.Add(userId);
        }

        if (!_listening)
        {
            _listening = true;
            db.SavedChanges += Committed;
        }
    }

    /// <summary>
    /// Publishes at once: a durable event is added and saved (with whatever else the context holds); an ephemeral one is
    /// sent to the users' open streams on every node and not kept.
    /// </summary>
    public async Task PublishAsync(IEnumerable<string> userIds, string type, object data, bool durable = true, CancellationToken cancellationToken = default)
    {
        if (durable)
        {
            Add(userIds, type, data);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var json = JsonSerializer.Serialize(data, JsonSerializerOptions.Web);
        await bus.SendEphemeralAsync([.. userIds.Distinct(StringComparer.Ordinal)], new EphemeralEvent(type, json), cancellationToken);
    }

    // Pooled contexts outlive the scope: never leave this scope's handler on one.
    public void Dispose()
    {
        if (_listening)
        {
            db.SavedChanges -= Committed;
        }
    }

    private void Committed(object? sender, SavedChangesEventArgs e)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var users = _pending.ToList();
        _pending.Clear();
        bus.Committed(users);
    }
}
