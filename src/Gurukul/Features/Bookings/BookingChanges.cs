using Gurukul.Features.Audit;
using Gurukul.Features.Payments;
using Gurukul.Features.Scheduling;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>What a cancellation would do now, for the caller: shown before they confirm ("You will get ₹600 back").</summary>
public sealed record CancelPreview(BookingActor By, bool Paid, int PercentBack, Money Refund);

/// <summary>API.md cancel and reschedule: the platform's refund policy applied by the platform, and moves only to offered slots.</summary>
public sealed class BookingChanges(
    GurukulDbContext db, BookingRules rules, BookingAccess access, BookingViews views, BookingSlots slots, BookingWrites writes, BookingMails mails,
    SlotService availability, PaymentsService payments, AuditLog audit, IClock clock, IStringLocalizer<Strings> text)
{
    /// <summary>
    /// Cancels the booking: by its mentor or staff with everything back; by its student with everything 24 h or more before the
    /// start, half 2–24 h before, nothing under 2 h; an unpaid booking just releases its hold. 409 once started or when no longer live.
    /// </summary>
    public async Task<BookingDto> CancelAsync(BookingCaller caller, string id, CancelRequest request, CancellationToken cancellationToken)
    {
        var reason = rules.Reason("reason", request.Reason, required: false);
        var booking = await writes.RunAsync(async () =>
        {
            var (booking, actor) = await access.FindAsync(caller, id, tracked: true, cancellationToken);
            var now = clock.GetCurrentInstant();
            if (booking.CancelRefusal(now) is { } refusal)
            {
                throw Refused(refusal);
            }

            var preview = Preview(booking, actor, now);
            booking.Cancel(actor, reason, preview.Refund.AmountMinor, now);
            audit.Add(BookingAudit.Cancelled, caller.Client, caller.UserId, booking.StudentId,
                BookingAudit.Detail(booking, $"by {BookingRules.Name(actor)}, refund {preview.Refund.AmountMinor} {preview.Refund.Currency}"));
            await mails.CancelledAsync(booking, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (preview.Refund.AmountMinor > 0)
            {
                await payments.RefundAsync(booking.Id.ToString(), preview.Refund, RefundReason(actor, reason), $"cancel:{booking.Id}", cancellationToken);
            }

            return booking;
        }, cancellationToken);
        return await views.ViewAsync(booking, cancellationToken);
    }

    /// <summary>What cancelling would give back now, for the page that asks the caller to confirm.</summary>
    public CancelPreview Preview(Booking booking, BookingActor by, Instant now)
    {
        var paid = booking.Status == BookingStatus.Confirmed;
        var percent = paid ? RefundPolicy.PercentBack(by, booking.StartsAt, now) : 0;
        return new CancelPreview(by, paid, percent, booking.Price with { AmountMinor = paid ? RefundPolicy.RefundMinor(booking.Price.AmountMinor, by, booking.StartsAt, now) : 0 });
    }

    /// <summary>
    /// Moves a confirmed session to <paramref name="request"/>'s start: same id, same price, the old start kept in
    /// <c>rescheduledFrom</c>, the calendar SEQUENCE raised. The student 24 h or more before the start, the mentor (and staff) any time
    /// before it; the new time must be an offered slot, the booking's own time not blocking it. Otherwise 409.
    /// </summary>
    public async Task<BookingDto> RescheduleAsync(BookingCaller caller, string id, RescheduleRequest request, CancellationToken cancellationToken)
    {
        var start = request.Start is { } asked ? ApiInstants.From(asked) : throw new ValidationException("start", text["bookings.validation.start"]);
        var booking = await writes.RunAsync(async () =>
        {
            var (booking, actor) = await access.FindAsync(caller, id, tracked: true, cancellationToken);
            var now = clock.GetCurrentInstant();
            if (booking.RescheduleRefusal(actor, now) is { } refusal)
            {
                throw Refused(refusal);
            }

            var mentor = await MentorAsync(booking, cancellationToken);
            var settings = await availability.LoadAsync(mentor, cancellationToken);
            if (start == booking.StartsAt || !await slots.OffersAsync(mentor, settings, start, booking.DurationMinutes, booking.Id, cancellationToken))
            {
                throw new ConflictException(text["bookings.refused.slot_not_offered"]);
            }

            var change = booking.Reschedule(actor, caller.UserId, start, settings.BufferMinutes, now);
            await slots.ClearLapsedAsync(booking.MentorId, booking.StartsAt, booking.BlocksUntil, except: booking.Id, cancellationToken);
            db.Add(change);
            audit.Add(BookingAudit.Rescheduled, caller.Client, caller.UserId, booking.StudentId,
                BookingAudit.Detail(booking, $"by {BookingRules.Name(actor)} from {change.FromStartsAt} to {change.ToStartsAt}"));
            await mails.RescheduledAsync(booking, change.FromStartsAt, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return booking;
        }, cancellationToken);
        return await views.ViewAsync(booking, cancellationToken);
    }

    /// <summary>The slots the caller could move the booking to (the reschedule page).</summary>
    public async Task<IReadOnlyList<Slot>> FreeSlotsAsync(Booking booking, CancellationToken cancellationToken) =>
        await slots.FreeAsync(await MentorAsync(booking, cancellationToken), booking.DurationMinutes, booking.Id, cancellationToken);

    public ConflictException Refused(BookingRefusal refusal) => new(text["bookings.refused." + BookingRules.Name(refusal)]);

    private async Task<ScheduleMentor> MentorAsync(Booking booking, CancellationToken cancellationToken) =>
        await db.MentorProfiles.AsNoTracking().Where(m => m.Id == booking.MentorId)
            .Select(m => new ScheduleMentor(m.Id, m.Slug, m.TimeZone)).SingleAsync(cancellationToken);

    private static string RefundReason(BookingActor by, string reason) =>
        $"cancelled by the {BookingRules.Name(by)}" + (reason.Length > 0 ? $": {reason}" : "");
}
