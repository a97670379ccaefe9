using Gurukul.Features.Audit;
using Gurukul.Features.Payments;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>
/// What Payments tells Bookings (docs/adr/0025, "The seam"), inside the transaction that records the payment: a paid booking is
/// confirmed together with its money, or refused (Payments then refunds it all) when it can no longer be kept — cancelled,
/// started, paid already by another payment, or expired with its time taken since.
/// </summary>
public sealed class BookingPurchases(GurukulDbContext db, BookingSlots slots, BookingMails mails, AuditLog audit, IClock clock) : IPurchaseListener
{
    public string Kind => BookingService.PurchaseKind;

    public async Task<PurchaseDecision> OnPaymentSucceededAsync(PaymentSucceeded payment, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(payment.PurchaseId, out var id) || !Guid.TryParse(payment.PaymentId, out var paymentId)
            || await db.Set<Booking>().SingleOrDefaultAsync(b => b.Id == id, cancellationToken) is not { } booking)
        {
            return PurchaseDecision.Rejected;
        }

        if (booking.Status == BookingStatus.Confirmed)
        {
            return booking.PaymentId == paymentId ? PurchaseDecision.Accepted : PurchaseDecision.Rejected;
        }

        var now = clock.GetCurrentInstant();
        if (booking.Status == BookingStatus.Expired)
        {
            // The hold lapsed: the time is the student's again only if nobody took it since.
            await slots.ClearLapsedAsync(booking.MentorId, booking.StartsAt, booking.BlocksUntil, except: booking.Id, cancellationToken);
            if (await slots.OverlapsAsync(booking.MentorId, booking.StartsAt, booking.BlocksUntil, booking.Id, cancellationToken))
            {
                return await ReturnedAsync(booking, "paid after the hold lapsed and the time was taken", cancellationToken);
            }
        }

        if (!booking.Confirm(paymentId, now))
        {
            return await ReturnedAsync(booking, "paid when it could no longer be kept", cancellationToken);
        }

        audit.Add(BookingAudit.Confirmed, BookingAudit.System, subjectUserId: booking.StudentId, detail: BookingAudit.Detail(booking, $"paid by {paymentId}"));
        await mails.ConfirmedAsync(booking, cancellationToken);
        return PurchaseDecision.Accepted;
    }

    /// <summary>A failed attempt leaves the hold (the student may try again while it lasts); a checkout that closed unpaid ends it.</summary>
    public async Task OnPaymentFailedAsync(PaymentFailed payment, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(payment.PurchaseId, out var id)
            && await db.Set<Booking>().SingleOrDefaultAsync(b => b.Id == id, cancellationToken) is { } booking
            && booking.Expire(clock.GetCurrentInstant()))
        {
            audit.Add(BookingAudit.Expired, BookingAudit.System, subjectUserId: booking.StudentId, detail: BookingAudit.Detail(booking, "checkout closed unpaid"));
        }
    }

    private async Task<PurchaseDecision> ReturnedAsync(Booking booking, string why, CancellationToken cancellationToken)
    {
        audit.Add(BookingAudit.PaymentReturned, BookingAudit.System, subjectUserId: booking.StudentId, detail: BookingAudit.Detail(booking, why));
        await mails.PaymentReturnedAsync(booking, cancellationToken);
        return PurchaseDecision.Rejected;
    }
}
