using System.Globalization;
using Gurukul.Features.Mentors.Pages;
using Gurukul.Features.Payments;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Mail;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>A booking's party as a mail needs them.</summary>
public sealed record MailParty(string Email, string Name, string Locale, string TimeZone);

/// <summary>
/// Every mail about a booking, to both parties, each in their own language (<c>User.Locale</c>) with the time in their own zone
/// (<c>User.TimeZone</c>). Added to the outbox in the caller's unit of work, so a mail goes out exactly when its change is saved.
/// Kept in one place so that the notification centre can later route these through its own preferences.
/// </summary>
public sealed class BookingMails(GurukulDbContext db, MailOutbox outbox, JsonStringCatalog strings, PaymentLinks links)
{
    public async Task ConfirmedAsync(Booking booking, CancellationToken cancellationToken)
    {
        var (student, mentor) = await PartiesAsync(booking, cancellationToken);
        Send(student, "confirmed", booking, mentor.Name);
        Send(mentor, "confirmed_mentor", booking, student.Name);
    }

    public async Task CancelledAsync(Booking booking, CancellationToken cancellationToken)
    {
        var (student, mentor) = await PartiesAsync(booking, cancellationToken);
        var refund = new Money(booking.CancellationRefundMinor ?? 0, booking.Price.Currency);
        Send(student, "cancelled", booking, mentor.Name, refund.AmountMinor > 0 ? ("cancelled.refund", MoneyFormat.Format(refund)) : ("cancelled.no_refund", ""));
        Send(mentor, "cancelled", booking, student.Name, ("cancelled.by_" + BookingRules.Name(booking.CancelledBy!.Value), ""));
    }

    public async Task RescheduledAsync(Booking booking, Instant from, CancellationToken cancellationToken)
    {
        var (student, mentor) = await PartiesAsync(booking, cancellationToken);
        Send(student, "rescheduled", booking, mentor.Name, ("rescheduled.from", When(student, from)));
        Send(mentor, "rescheduled", booking, student.Name, ("rescheduled.from", When(mentor, from)));
    }

    /// <summary>A payment that came when the booking could no longer be kept: the student is told it is on its way back.</summary>
    public async Task PaymentReturnedAsync(Booking booking, CancellationToken cancellationToken)
    {
        var (student, mentor) = await PartiesAsync(booking, cancellationToken);
        Send(student, "payment_returned", booking, mentor.Name);
    }

    private void Send(MailParty to, string kind, Booking booking, string other, (string Key, string Value)? extra = null)
    {
        var culture = CultureInfo.GetCultureInfo(to.Locale);
        string Text(string key) => strings.Find($"mail.booking.{key}", culture) ?? key;
        var line = extra is { } e ? string.Format(culture, Text(e.Key), e.Value) + "\n\n" : "";
        outbox.Add(new MailDraft(
            To: to.Email,
            Subject: string.Format(culture, Text($"{kind}.subject"), other, When(to, booking.StartsAt)),
            TextBody: string.Format(culture, Text($"{kind}.body"), to.Name, other, When(to, booking.StartsAt), booking.DurationMinutes, line,
                links.Absolute(BookingLinks.Page(booking.Id))),
            HtmlBody: null,
            Kind: $"booking.{kind}"));
    }

    private static string When(MailParty to, Instant at)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(to.TimeZone) ?? DateTimeZone.Utc;
        return $"{at.InZone(zone).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo(to.Locale))} ({zone.Id})";
    }

    private async Task<(MailParty Student, MailParty Mentor)> PartiesAsync(Booking booking, CancellationToken cancellationToken)
    {
        var parties = await db.Users.AsNoTracking().Where(u => u.Id == booking.StudentId || u.Id == booking.MentorUserId)
            .ToDictionaryAsync(u => u.Id, u => new MailParty(u.Email!, u.Name, u.Locale, u.TimeZone), cancellationToken);
        return (parties[booking.StudentId], parties[booking.MentorUserId]);
    }
}
