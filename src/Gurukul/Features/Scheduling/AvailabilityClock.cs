using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Scheduling;

/// <summary>
/// The availability clock of migration 0012: one version moved (in the writing transaction) by every change to a mentor's
/// availability or taken time, and the mentors changed at each version. What every node-local copy of availability
/// (<see cref="AvailabilityIndex"/>, <see cref="AvailabilityCache"/>) reads to stay current.
/// </summary>
internal static class AvailabilityClock
{
    public static async Task<long> VersionAsync(GurukulDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<long>("""SELECT version AS "Value" FROM mentor_availability_clock""").SingleAsync(cancellationToken);

    /// <summary>The mentors changed after <paramref name="version"/>; null when there are more than <paramref name="atMost"/> (reload everything).</summary>
    public static async Task<List<Guid>?> ChangedSinceAsync(GurukulDbContext db, long version, int atMost, CancellationToken cancellationToken)
    {
        var changed = await db.Database.SqlQueryRaw<Guid>(
                """SELECT mentor_id AS "Value" FROM mentor_availability_changes WHERE version > {0}""", version)
            .Take(atMost + 1).ToListAsync(cancellationToken);
        return changed.Count > atMost ? null : changed;
    }
}
