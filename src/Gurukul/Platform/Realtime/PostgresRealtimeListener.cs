using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gurukul.Platform.Realtime;

/// <summary>
/// This node's ear on PostgreSQL: one connection that <c>LISTEN</c>s to Gurukul's channels and hands what it hears to the
/// local streams (<see cref="RealtimeConnections"/>), to <see cref="Presence"/> and to the job runner. When the connection
/// drops it reconnects, and then wakes every local stream: each reads what it may have missed from the database, so a
/// lost notification delays an event but never loses it. It also sends this node's presence snapshot now and then. On the
/// embedded default (SQLite, one node) it has nothing to do.
/// </summary>
internal sealed partial class PostgresRealtimeListener(
    DatabaseSettings database, IServiceProvider services, RealtimeConnections connections, Presence presence, IRealtimeBus bus, JobSignal jobs,
    IOptions<RealtimeOptions> options, ILogger<PostgresRealtimeListener> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var snapshots = SendSnapshotsAsync(stoppingToken);
        var connectedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) => Dispatch(notification.Channel, notification.Payload);
                await using (var listen = new NpgsqlCommand(
                    $"LISTEN {PostgresChannels.Events}; LISTEN {PostgresChannels.Ephemeral}; LISTEN {PostgresChannels.Presence}; LISTEN {PostgresChannels.Jobs};",
                    connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (connectedBefore)
                {
                    // Whatever was committed while nobody listened is in the table: let every stream look.
                    connections.WakeAll();
                    jobs.Notify();
                }

                connectedBefore = true;
                LogListening(logger);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogConnectionLost(logger, exception);
                try
                {
                    await Task.Delay(ReconnectDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await snapshots;
    }

    private void Dispatch(string channel, string payload)
    {
        try
        {
            switch (channel)
            {
                case PostgresChannels.Events:
                    connections.Wake(payload);
                    break;
                case PostgresChannels.Ephemeral when JsonSerializer.Deserialize<EphemeralNotice>(payload, PostgresChannels.Json) is { } notice:
                    connections.Send(notice.Users, new EphemeralEvent(notice.Type, notice.Data));
                    break;
                case PostgresChannels.Presence when JsonSerializer.Deserialize<PresenceNews>(payload, PostgresChannels.Json) is { } news:
                    presence.ApplyRemote(news);
                    break;
                case PostgresChannels.Jobs:
                    jobs.Notify();
                    break;
            }
        }
        catch (JsonException exception)
        {
            LogBadPayload(logger, exception, channel);
        }
    }

    private async Task SendSnapshotsAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PresenceSnapshotInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    presence.ForgetSilentNodes();
                    foreach (var part in presence.Snapshot())
                    {
                        await bus.AnnouncePresenceAsync(part, stoppingToken);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogSnapshotFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Listening for real-time notifications on PostgreSQL")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The real-time listener lost its PostgreSQL connection; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notification on {Channel} could not be read")]
    private static partial void LogBadPayload(ILogger logger, Exception exception, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This node's presence snapshot could not be sent")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception);
}
