using Gurukul.Features.Mentors;
using Gurukul.Features.Payments;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Bookings;

/// <summary>Bookings as API.md shows them: with the parties' names, the payment, and where they were moved from. Four queries for any number.</summary>
public sealed class BookingViews(GurukulDbContext db, PaymentsService payments)
{
    public async Task<BookingDto> ViewAsync(Booking booking, CancellationToken cancellationToken) => (await ViewsAsync([booking], cancellationToken))[0];

    public async Task<IReadOnlyList<BookingDto>> ViewsAsync(IReadOnlyList<Booking> bookings, CancellationToken cancellationToken)
    {
        if (bookings.Count == 0)
        {
            return [];
        }

        var userIds = bookings.Select(b => b.StudentId).Concat(bookings.Select(b => b.MentorUserId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var mentorIds = bookings.Select(b => b.MentorId).Distinct().ToList();
        var slugs = await db.MentorProfiles.AsNoTracking().Where(m => mentorIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Slug, cancellationToken);
        var ids = bookings.Select(b => b.Id).ToList();
        var moves = (await db.Set<BookingReschedule>().AsNoTracking().Where(r => ids.Contains(r.BookingId)).ToListAsync(cancellationToken))
            .ToLookup(r => r.BookingId);
        var paid = await payments.FindForPurchasesAsync([.. ids.Select(i => i.ToString())], cancellationToken);
        return [.. bookings.Select(b => new BookingDto(
            b.Id.ToString(),
            new BookingMentorDto(b.MentorId.ToString(), slugs.GetValueOrDefault(b.MentorId, ""), names.GetValueOrDefault(b.MentorUserId, "")),
            new BookingPartyDto(b.StudentId, names.GetValueOrDefault(b.StudentId, "")),
            b.StartsAt.ToDateTimeUtc(), b.EndsAt.ToDateTimeUtc(), b.DurationMinutes, BookingRules.Name(b.SessionType), b.SessionLanguage,
            BookingRules.Name(b.Status), MoneyDto.From(b.Price),
            new QuestionnaireDto(b.Purpose, b.Questions, b.Challenges, b.ExpectedOutcome),
            paid.TryGetValue(b.Id.ToString(), out var payment) ? PaymentViewDto.From(payment) : null,
            Cancellation(b),
            [.. moves[b.Id].OrderBy(r => r.At).Select(r => r.FromStartsAt.ToDateTimeUtc())],
            Join: null,
            b.CreatedAt.ToDateTimeUtc()))];
    }

    private static CancellationDto? Cancellation(Booking booking) => booking is { CancelledBy: { } by, CancelledAt: { } at }
        ? new CancellationDto(BookingRules.Name(by), at.ToDateTimeUtc(), booking.CancellationReason ?? "", MoneyDto.From(new Money(booking.CancellationRefundMinor ?? 0, booking.Price.Currency)))
        : null;
}
