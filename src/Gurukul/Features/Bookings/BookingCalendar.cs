using System.Globalization;
using Gurukul.Features.Payments;
using Gurukul.Features.Scheduling;
using Gurukul.Platform.Data;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>
/// Bookings in calendars (docs/adr/0021, 0026): each user's feed lists their sessions as student and as mentor, and each booking
/// has its own .ics. One VEVENT per booking: UID stable for its life, SEQUENCE raised on every reschedule and on cancellation,
/// STATUS:CANCELLED once cancelled, in the user's language, linking to the booking page (where the session room will open).
/// </summary>
public sealed class BookingCalendar(GurukulDbContext db, JsonStringCatalog strings, PaymentLinks links, IClock clock) : ICalendarEntrySource
{
    /// <summary>How far back the feed goes: calendars keep what they saw, and a feed must stay small.</summary>
    public static readonly Duration FeedHistory = Duration.FromDays(90);

    public async Task<IReadOnlyList<CalendarEntry>> EntriesAsync(string userId, CancellationToken cancellationToken)
    {
        var since = clock.GetCurrentInstant() - FeedHistory;
        var bookings = await db.Set<Booking>().AsNoTracking()
            .Where(b => (b.StudentId == userId || b.MentorUserId == userId) && b.StartsAt >= since && b.PaymentId != null)
            .OrderBy(b => b.StartsAt).ToListAsync(cancellationToken);
        return await EntriesAsync(userId, bookings, cancellationToken);
    }

    /// <summary>One booking's calendar file, written for <paramref name="userId"/> (one of its parties, or staff).</summary>
    public async Task<string> FileAsync(string userId, Booking booking, CancellationToken cancellationToken)
    {
        var culture = await CultureAsync(userId, cancellationToken);
        return CalendarFile.Write(strings.Find("bookings.calendar.name", culture) ?? "Gurukul", await EntriesAsync(userId, [booking], cancellationToken));
    }

    private async Task<IReadOnlyList<CalendarEntry>> EntriesAsync(string userId, IReadOnlyList<Booking> bookings, CancellationToken cancellationToken)
    {
        var culture = await CultureAsync(userId, cancellationToken);
        var others = bookings.Select(b => b.StudentId == userId ? b.MentorUserId : b.StudentId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => others.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        string Text(string key) => strings.Find(key, culture) ?? key;
        return [.. bookings.Select(b =>
        {
            var other = names.GetValueOrDefault(b.StudentId == userId ? b.MentorUserId : b.StudentId, "");
            var page = links.Absolute(BookingLinks.Page(b.Id));
            return new CalendarEntry(
                $"booking-{b.Id}@gurukul", b.StartsAt, b.EndsAt,
                string.Format(culture, Text("bookings.calendar.summary"), b.DurationMinutes, other),
                string.Format(culture, Text("bookings.calendar.description"), Text("bookings.type." + BookingRules.Name(b.SessionType)), b.SessionLanguage, page),
                new Uri(page), b.Sequence, b.Status is BookingStatus.Cancelled or BookingStatus.Expired, b.UpdatedAt);
        })];
    }

    private async Task<CultureInfo> CultureAsync(string userId, CancellationToken cancellationToken) =>
        CultureInfo.GetCultureInfo(await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Locale).SingleOrDefaultAsync(cancellationToken) ?? "en");
}
