using System.Security.Claims;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Platform.Realtime;

/// <summary>A stream's reads of durable events, rendered for its viewer. Scoped: a stream makes a scope per batch.</summary>
public sealed class RealtimeEventReader(GurukulDbContext db, IEnumerable<IRealtimeEventRenderer> renderers)
{
    /// <summary>The most events one read sends; a backlog is sent in several.</summary>
    public const int BatchSize = 200;

    public async Task<long> LatestIdAsync(string userId, CancellationToken cancellationToken) =>
        await db.Set<RealtimeEvent>().Where(e => e.UserId == userId).MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;

    /// <summary>
    /// The user's events after <paramref name="cursor"/>, oldest first, each with the data <paramref name="viewer"/> receives
    /// (null when a renderer decided the viewer receives nothing), and whether more are waiting.
    /// </summary>
    public async Task<(IReadOnlyList<(RealtimeEvent Event, string? Data)> Events, bool More)> ReadAfterAsync(
        string userId, long cursor, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var rows = await db.Set<RealtimeEvent>().AsNoTracking()
            .Where(e => e.UserId == userId && e.Id > cursor)
            .OrderBy(e => e.Id)
            .Take(BatchSize + 1)
            .ToListAsync(cancellationToken);
        var rendered = new List<(RealtimeEvent, string?)>(Math.Min(rows.Count, BatchSize));
        foreach (var row in rows.Take(BatchSize))
        {
            var renderer = renderers.FirstOrDefault(r => r.Type == row.Type);
            rendered.Add((row, renderer is null ? row.Data : await renderer.RenderAsync(row, viewer, cancellationToken)));
        }

        return (rendered, rows.Count > BatchSize);
    }
}
