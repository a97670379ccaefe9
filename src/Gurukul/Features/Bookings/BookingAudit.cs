using Gurukul.Features.Audit;

namespace Gurukul.Features.Bookings;

/// <summary>What the audit log records about bookings: every change of state, who made it, and the booking it concerns.</summary>
public static class BookingAudit
{
    public const string Held = "booking.held";
    public const string Confirmed = "booking.confirmed";
    public const string PaymentReturned = "booking.payment_returned";
    public const string Expired = "booking.expired";
    public const string Cancelled = "booking.cancelled";
    public const string Rescheduled = "booking.rescheduled";
    public const string Outcome = "booking.outcome";
    public const string Disputed = "booking.disputed";
    public const string Resolved = "booking.resolved";

    /// <summary>A change Gurukul made by itself (a job, a provider's event): no person, no address.</summary>
    public static readonly ClientInfo System = new(null, null);

    public static string Detail(Booking booking, string what) => $"booking {booking.Id}: {what} (now {BookingRules.Name(booking.Status)})";
}
