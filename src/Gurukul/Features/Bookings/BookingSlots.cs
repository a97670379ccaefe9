using Gurukul.Features.Audit;
using Gurukul.Features.Scheduling;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>
/// The mentor's time as bookings see it: whether a start is an offered slot (the slot engine over the mentor's rules and taken
/// time), which slots a booking could move to, and the lapsed holds that must leave the database's no-overlap rule before a new
/// booking takes their time.
/// </summary>
public sealed class BookingSlots(GurukulDbContext db, SlotService slots, BookingTakenTime taken, AuditLog audit, IClock clock)
{
    /// <summary>How far ahead the reschedule page lists times.</summary>
    public static readonly Duration RescheduleWindow = Duration.FromDays(21);

    /// <summary>Whether <paramref name="start"/> is offered now for <paramref name="durationMinutes"/>, with <paramref name="excluding"/>'s own time left out.</summary>
    public async Task<bool> OffersAsync(
        ScheduleMentor mentor, AvailabilitySettings availability, Instant start, int durationMinutes, Guid? excluding, CancellationToken cancellationToken)
    {
        var rules = availability.Rules();
        var (earliest, endBefore) = rules.BookableWindow(clock.GetCurrentInstant(), start, start + Duration.FromMinutes(1));
        if (earliest >= endBefore || !availability.Durations.Contains(durationMinutes))
        {
            return false;
        }

        var around = new Interval(start - Duration.FromDays(2), start + Duration.FromDays(2));
        var runs = SlotFinder.Runs(rules, durationMinutes, earliest, endBefore, await taken.TakenAsync(mentor.Id, around, excluding, cancellationToken));
        return runs.Any(r => r.First == start);
    }

    /// <summary>The slots a booking of <paramref name="durationMinutes"/> could move to over the next weeks, its own time not blocking.</summary>
    public async Task<IReadOnlyList<Slot>> FreeAsync(ScheduleMentor mentor, int durationMinutes, Guid excluding, CancellationToken cancellationToken)
    {
        var availability = await slots.LoadAsync(mentor, cancellationToken);
        var rules = availability.Rules();
        var now = clock.GetCurrentInstant();
        var (earliest, endBefore) = rules.BookableWindow(now, now, now + RescheduleWindow);
        if (earliest >= endBefore || !availability.Durations.Contains(durationMinutes))
        {
            return [];
        }

        var around = new Interval(earliest - Duration.FromDays(2), endBefore + Duration.FromDays(2));
        return SlotFinder.Slots(rules, durationMinutes, earliest, endBefore, await taken.TakenAsync(mentor.Id, around, excluding, cancellationToken));
    }

    /// <summary>
    /// Expires the mentor's holds that lapsed unpaid and overlap [<paramref name="from"/>, <paramref name="until"/>) but whose expiry
    /// job has not run yet: the database still counts them, and an expired hold must never block. Saved at once, in the caller's
    /// transaction, before the new booking is written.
    /// </summary>
    public async Task ClearLapsedAsync(Guid mentorId, Instant from, Instant until, Guid? except, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var lapsed = await db.Set<Booking>()
            .Where(b => b.MentorId == mentorId && b.Status == BookingStatus.PendingPayment && b.HoldExpiresAt <= now && b.StartsAt < until && b.BlocksUntil > from && b.Id != except)
            .ToListAsync(cancellationToken);
        foreach (var hold in lapsed.Where(h => h.Expire(now)))
        {
            audit.Add(BookingAudit.Expired, BookingAudit.System, subjectUserId: hold.StudentId, detail: BookingAudit.Detail(hold, "hold lapsed unpaid"));
        }

        if (lapsed.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Whether another booking of the mentor occupies time overlapping [<paramref name="from"/>, <paramref name="until"/>) in the database's no-overlap rule.</summary>
    public Task<bool> OverlapsAsync(Guid mentorId, Instant from, Instant until, Guid except, CancellationToken cancellationToken) =>
        db.Set<Booking>().AnyAsync(b => b.MentorId == mentorId && b.Id != except
            && (b.Status == BookingStatus.PendingPayment || b.Status == BookingStatus.Confirmed) && b.StartsAt < until && b.BlocksUntil > from, cancellationToken);
}
