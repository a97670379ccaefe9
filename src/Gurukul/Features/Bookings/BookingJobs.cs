using System.Text.Json;
using Gurukul.Features.Audit;
using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>The background work of bookings, on the durable queue: each runs on one node and is safe to run again.</summary>
public static class BookingJobs
{
    public const string ExpireHold = "bookings.hold.expire";
}

public sealed record BookingJobPayload(Guid BookingId);

/// <summary>
/// Ends a hold that lapsed unpaid. A lapse is not a write by itself, so this job is the write that frees the time for every
/// node's availability index (the clock moves with it) and ends the booking's place in the database's no-overlap rule.
/// </summary>
internal sealed class ExpireHoldJob(GurukulDbContext db, AuditLog audit, JobQueue jobs, IClock clock) : IJobHandler
{
    public string Kind => BookingJobs.ExpireHold;

    public async Task RunAsync(string payload, CancellationToken cancellationToken)
    {
        var id = JsonSerializer.Deserialize<BookingJobPayload>(payload, JsonSerializerOptions.Web)!.BookingId;
        var booking = await db.Set<Booking>().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        var now = clock.GetCurrentInstant();
        if (booking is null || booking.Status != BookingStatus.PendingPayment)
        {
            return;
        }

        if (booking.Expire(now))
        {
            audit.Add(BookingAudit.Expired, BookingAudit.System, subjectUserId: booking.StudentId, detail: BookingAudit.Detail(booking, "hold lapsed unpaid"));
        }
        else
        {
            // This node's clock is behind the one that set the hold: come back when it has lapsed here too.
            jobs.Add(BookingJobs.ExpireHold, new BookingJobPayload(booking.Id), booking.HoldExpiresAt);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
