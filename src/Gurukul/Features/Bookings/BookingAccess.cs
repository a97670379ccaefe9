using Gurukul.Features.Audit;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Bookings;

/// <summary>Who is asking: a signed-in user, whether they act as staff (admin or support with two-factor), and from where.</summary>
public sealed record BookingCaller(string UserId, bool IsStaff, ClientInfo Client);

/// <summary>
/// The one place that decides who may see a booking: its student, its mentor, and staff. To anyone else it does not exist (404),
/// as for an id never used.
/// </summary>
public sealed class BookingAccess(GurukulDbContext db, IStringLocalizer<Strings> text)
{
    /// <summary>The booking and the part the caller plays in it; <paramref name="tracked"/> for a change.</summary>
    public async Task<(Booking Booking, BookingActor Actor)> FindAsync(BookingCaller caller, string id, bool tracked, CancellationToken cancellationToken)
    {
        var booking = Guid.TryParse(id, out var bookingId)
            ? await (tracked ? db.Set<Booking>() : db.Set<Booking>().AsNoTracking()).SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken)
            : null;
        return booking is not null && ActorOf(booking, caller) is { } actor ? (booking, actor) : throw NotFound();
    }

    /// <summary>Any booking, for staff acting on it (the endpoint's policy already required staff).</summary>
    public async Task<Booking> FindForStaffAsync(string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var bookingId) && await db.Set<Booking>().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken) is { } booking
            ? booking
            : throw NotFound();

    /// <summary>The part <paramref name="caller"/> plays: a party first (a staff member who booked is the student), else staff, else none.</summary>
    public static BookingActor? ActorOf(Booking booking, BookingCaller caller) =>
        caller.UserId == booking.StudentId ? BookingActor.Student
        : caller.UserId == booking.MentorUserId ? BookingActor.Mentor
        : caller.IsStaff ? BookingActor.Staff
        : null;

    public NotFoundException NotFound() => new(text["bookings.not_found"]);
}
