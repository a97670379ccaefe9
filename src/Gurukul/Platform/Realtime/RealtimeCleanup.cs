using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Platform.Realtime;

/// <summary>
/// Deletes durable events older than <see cref="RealtimeOptions.Retention"/>, a few times per retention period. Every node
/// does it; the deletes are idempotent, so several at once only repeat each other's work.
/// </summary>
internal sealed partial class RealtimeCleanup(IServiceScopeFactory scopes, IOptions<RealtimeOptions> options, IClock clock, ILogger<RealtimeCleanup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value.Retention;
        using var timer = new PeriodicTimer(retention / 6);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var cutoff = clock.GetCurrentInstant() - Duration.FromTimeSpan(retention);
                    await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<RealtimeEvent>()
                        .Where(e => e.CreatedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogCleanupFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Old real-time events could not be deleted; trying again later")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception);
}
