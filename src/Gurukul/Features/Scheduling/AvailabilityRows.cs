using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Scheduling;

/// <summary>
/// Many mentors' availability at once, for the availability index: four flat queries (rules, weekly hours, overrides,
/// override hours) rather than one with nested collections, which multiplies rows at 100,000 mentors.
/// </summary>
internal static class AvailabilityRows
{
    /// <summary>The availability of <paramref name="ids"/> (everyone's when null), with overrides from <paramref name="overridesFrom"/> on.</summary>
    public static async Task<Dictionary<Guid, AvailabilitySettings>> LoadAsync(
        GurukulDbContext db, IReadOnlyCollection<Guid>? ids, LocalDate overridesFrom, CancellationToken cancellationToken)
    {
        var rules = db.Set<MentorAvailability>().AsNoTracking();
        var weekly = db.Set<WeeklyHours>().AsNoTracking();
        var overrides = db.Set<DateOverride>().AsNoTracking().Where(o => o.Date >= overridesFrom);
        var overrideHours = db.Set<OverrideHours>().AsNoTracking().Where(h => h.Date >= overridesFrom);
        if (ids is not null)
        {
            rules = rules.Where(a => ids.Contains(a.MentorId));
            weekly = weekly.Where(w => ids.Contains(w.MentorId));
            overrides = overrides.Where(o => ids.Contains(o.MentorId));
            overrideHours = overrideHours.Where(h => ids.Contains(h.MentorId));
        }

        var rows = await rules.Select(a => new { a.MentorId, a.TimeZone, a.Durations, a.BufferMinutes, a.MinNoticeMinutes, a.MaxSessionsPerDay, a.HorizonDays })
            .ToListAsync(cancellationToken);
        var weeklyOf = (await weekly.Select(w => new { w.MentorId, w.Day, w.StartMinute, w.EndMinute }).ToListAsync(cancellationToken))
            .ToLookup(w => w.MentorId, w => (w.Day, new DayInterval(w.StartMinute, w.EndMinute)));
        var hoursOf = (await overrideHours.Select(h => new { h.MentorId, h.Date, h.StartMinute, h.EndMinute }).ToListAsync(cancellationToken))
            .ToLookup(h => (h.MentorId, h.Date), h => new DayInterval(h.StartMinute, h.EndMinute));
        var overridesOf = (await overrides.Select(o => new { o.MentorId, o.Date }).ToListAsync(cancellationToken))
            .ToLookup(o => o.MentorId, o => (o.Date, (IReadOnlyList<DayInterval>)[.. hoursOf[(o.MentorId, o.Date)].OrderBy(h => h.StartMinute)]));

        return rows.ToDictionary(r => r.MentorId, r => new AvailabilitySettings(
            r.TimeZone, [.. weeklyOf[r.MentorId]], [.. overridesOf[r.MentorId]], r.Durations, r.BufferMinutes, r.MinNoticeMinutes,
            r.MaxSessionsPerDay, r.HorizonDays));
    }
}
