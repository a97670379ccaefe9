using Gurukul.Features.Scheduling;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>
/// The slot engine's view of bookings (docs/adr/0021, 0026): every booking that holds its mentor's time — confirmed, a hold that has
/// not lapsed, and sessions already held (they count toward the day's cap) — as the session's interval. The engine keeps the
/// mentor's current buffer around it; where the buffer the booking was made with was longer, the interval is stretched by the
/// difference, so the engine never offers a time the database's no-overlap rule would refuse.
/// </summary>
public sealed class BookingTakenTime(GurukulDbContext db, IClock clock) : ITakenTimeSource
{
    public Task<IReadOnlyList<Interval>> TakenAsync(Guid mentorId, Interval range, CancellationToken cancellationToken) =>
        TakenAsync(mentorId, range, excluding: null, cancellationToken);

    /// <summary>The mentor's taken time, leaving out <paramref name="excluding"/> (a booking being moved does not block its own new time).</summary>
    public async Task<IReadOnlyList<Interval>> TakenAsync(Guid mentorId, Interval range, Guid? excluding, CancellationToken cancellationToken)
    {
        var rows = await Project(Overlapping(range).Where(b => b.MentorId == mentorId && b.Id != excluding)).ToListAsync(cancellationToken);
        return [.. rows.Select(Interval)];
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Interval>>> TakenAsync(
        IReadOnlyCollection<Guid>? mentorIds, Interval range, CancellationToken cancellationToken)
    {
        var bookings = Overlapping(range);
        if (mentorIds is not null)
        {
            bookings = bookings.Where(b => mentorIds.Contains(b.MentorId));
        }

        return (await Project(bookings).ToListAsync(cancellationToken))
            .GroupBy(r => r.MentorId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Interval>)[.. g.Select(Interval)]);
    }

    /// <summary>Bookings that take time at <paramref name="now"/>: all but cancelled, expired, and holds that have lapsed.</summary>
    public static IQueryable<Booking> Taking(IQueryable<Booking> bookings, Instant now) =>
        bookings.Where(b => b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.Expired
            && (b.Status != BookingStatus.PendingPayment || b.HoldExpiresAt > now));

    private IQueryable<Booking> Overlapping(Interval range)
    {
        var (from, to) = (range.Start, range.End);
        return Taking(db.Set<Booking>().AsNoTracking(), clock.GetCurrentInstant()).Where(b => b.StartsAt < to && b.BlocksUntil > from);
    }

    private IQueryable<TakenRow> Project(IQueryable<Booking> bookings) =>
        bookings.Select(b => new TakenRow(b.MentorId, b.StartsAt, b.EndsAt, b.BufferMinutes,
            db.Set<MentorAvailability>().Where(a => a.MentorId == b.MentorId).Select(a => a.BufferMinutes).FirstOrDefault()));

    private static Interval Interval(TakenRow row) =>
        new(row.StartsAt, row.EndsAt + Duration.FromMinutes(Math.Max(0, row.BookedBuffer - row.CurrentBuffer)));

    private sealed record TakenRow(Guid MentorId, Instant StartsAt, Instant EndsAt, int BookedBuffer, int CurrentBuffer);
}
