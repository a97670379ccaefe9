using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;

namespace Gurukul.Platform.Realtime;

/// <summary>
/// How news reaches the streams of every node: in-process on the embedded default (one node), through PostgreSQL
/// <c>NOTIFY</c> when several nodes share a PostgreSQL database (docs/adr/0028-realtime-stream.md).
/// </summary>
public interface IRealtimeBus
{
    /// <summary>Durable events for these users were committed by this process.</summary>
    void Committed(IEnumerable<string> userIds);

    /// <summary>Sends an ephemeral event to these users' streams on every node, now; nobody connected, nobody told.</summary>
    Task SendEphemeralAsync(IReadOnlyCollection<string> userIds, EphemeralEvent ephemeral, CancellationToken cancellationToken);

    /// <summary>Tells the other nodes who connected to or left this one.</summary>
    Task AnnouncePresenceAsync(PresenceNews news, CancellationToken cancellationToken);
}

/// <summary>
/// One node's news about who is connected to it: a change (<see cref="On"/>, <see cref="Off"/>), or part of a full
/// snapshot (<see cref="Snapshot"/> counts snapshots, <see cref="Part"/> numbers its parts, <see cref="Last"/> ends it).
/// </summary>
public sealed record PresenceNews(string Node, IReadOnlyList<string> On, IReadOnlyList<string> Off, long? Snapshot = null, int Part = 0, bool Last = false);

/// <summary>The embedded default: one process, so every stream is local.</summary>
internal sealed class InProcessBus(RealtimeConnections connections) : IRealtimeBus
{
    public void Committed(IEnumerable<string> userIds)
    {
        foreach (var userId in userIds)
        {
            connections.Wake(userId);
        }
    }

    public Task SendEphemeralAsync(IReadOnlyCollection<string> userIds, EphemeralEvent ephemeral, CancellationToken cancellationToken)
    {
        connections.Send(userIds, ephemeral);
        return Task.CompletedTask;
    }

    public Task AnnouncePresenceAsync(PresenceNews news, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Several nodes on one PostgreSQL. Durable events need nothing here: the <c>realtime_events</c> trigger notifies
/// <see cref="PostgresChannels.Events"/> with the user's id when the row's transaction commits, and every node's
/// <see cref="PostgresRealtimeListener"/> (this one's too) wakes that user's streams, which read the rows. Ephemeral events
/// and presence travel inside the notification itself, as small JSON.
/// </summary>
internal sealed class PostgresBus(NpgsqlDataSource dataSource) : IRealtimeBus
{
    public void Committed(IEnumerable<string> userIds)
    {
    }

    public async Task SendEphemeralAsync(IReadOnlyCollection<string> userIds, EphemeralEvent ephemeral, CancellationToken cancellationToken)
    {
        // Recipients in groups, so each notification stays under PostgreSQL's 8000-byte payload limit.
        foreach (var group in userIds.Distinct(StringComparer.Ordinal).Chunk(40))
        {
            await NotifyAsync(PostgresChannels.Ephemeral, JsonSerializer.Serialize(new EphemeralNotice(group, ephemeral.Type, ephemeral.Data), PostgresChannels.Json), cancellationToken);
        }
    }

    public Task AnnouncePresenceAsync(PresenceNews news, CancellationToken cancellationToken) =>
        NotifyAsync(PostgresChannels.Presence, JsonSerializer.Serialize(news, PostgresChannels.Json), cancellationToken);

    private async Task NotifyAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        if (Encoding.UTF8.GetByteCount(payload) > PostgresChannels.MaxPayloadBytes)
        {
            throw new ArgumentException(
                $"An ephemeral event must be small enough to travel in a PostgreSQL notification ({PostgresChannels.MaxPayloadBytes} bytes); " +
                "publish larger data as a durable event.", nameof(payload));
        }

        await using var command = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = channel });
        command.Parameters.Add(new NpgsqlParameter { Value = payload });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>An ephemeral event as it travels between nodes: recipients, type, and the data as JSON text.</summary>
internal sealed record EphemeralNotice(
    [property: JsonPropertyName("u")] IReadOnlyList<string> Users,
    [property: JsonPropertyName("t")] string Type,
    [property: JsonPropertyName("d")] string Data);

/// <summary>The notification channels Gurukul's nodes listen on.</summary>
internal static class PostgresChannels
{
    /// <summary>Payload: the id of a user with new durable events (sent by the <c>realtime_events</c> trigger).</summary>
    public const string Events = "gurukul_events";

    public const string Ephemeral = "gurukul_ephemeral";
    public const string Presence = "gurukul_presence";

    /// <summary>Sent by the <c>jobs</c> trigger: a job was enqueued somewhere; every runner looks (ADR 0006).</summary>
    public const string Jobs = "gurukul_jobs";

    /// <summary>PostgreSQL refuses payloads of 8000 bytes or more; a margin for the envelope.</summary>
    public const int MaxPayloadBytes = 7900;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
