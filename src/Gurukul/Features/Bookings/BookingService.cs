using System.Globalization;
using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;
using Gurukul.Features.Mentors;
using Gurukul.Features.Payments;
using Gurukul.Features.Profiles;
using Gurukul.Features.Scheduling;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Jobs;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>A public mentor as booking needs them.</summary>
public sealed record BookableMentor(Guid Id, string Slug, string UserId, string Name, Money HourlyRate, string TimeZone, List<string> Languages)
{
    public ScheduleMentor Schedule => new(Id, Slug, TimeZone);
}

/// <summary>
/// Booking a session and reading bookings (API.md "Bookings"): the hold and its checkout in one transaction, the booking itself,
/// and the lists. Changes after booking live in <see cref="BookingChanges"/> and <see cref="SessionOutcomes"/>.
/// </summary>
public sealed class BookingService(
    GurukulDbContext db, BookingRules rules, BookingAccess access, BookingViews views, BookingSlots slots, BookingWrites writes,
    BookingRateLimiter limiter, PublicMentorProfiles mentors, StudentProfileService students, SlotService availability, PaymentsService payments,
    SignedCursors cursors, JobQueue jobs, AuditLog audit, IClock clock, IStringLocalizer<Strings> text)
{
    public const string PurchaseKind = "booking";
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>
    /// API.md <c>POST /api/v1/bookings</c>: holds the slot for 10 minutes and opens its checkout, together or not at all. The same
    /// student asking again for a slot they already hold gets that hold back (a double click books once).
    /// </summary>
    public async Task<BookingDto> BookAsync(BookingCaller caller, BookingRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var student = await db.Users.AsNoTracking().SingleAsync(u => u.Id == caller.UserId, cancellationToken);
        if (NeedsGuardian(student, now))
        {
            throw new ForbiddenException(text["bookings.guardian_needed"]);
        }

        if (limiter.TryAcquire(caller.UserId) is { } retryAfter)
        {
            throw new TooManyRequestsException(text["bookings.too_many"], retryAfter);
        }

        var asked = rules.Check(request);
        var mentor = await FindMentorAsync(asked.MentorId.ToString(), cancellationToken) ?? throw new NotFoundException(text["bookings.mentor_not_found"]);
        if (mentor.UserId == caller.UserId)
        {
            throw new ForbiddenException(text["bookings.own_profile"]);
        }

        var settings = await availability.LoadAsync(mentor.Schedule, cancellationToken);
        var errors = new FieldErrors();
        if (!settings.Durations.Contains(asked.DurationMinutes))
        {
            errors.Add("durationMinutes", text["bookings.validation.duration_not_offered", string.Join(", ", settings.Durations)]);
        }

        var languages = await LanguagesAsync(mentor, caller.UserId, cancellationToken);
        if (!languages.Contains(asked.SessionLanguage))
        {
            errors.Add("sessionLanguage", text["bookings.validation.language", string.Join(", ", languages)]);
        }

        errors.ThrowIfAny();
        var listPrice = PriceOf(mentor.HourlyRate, asked.DurationMinutes);
        var quote = await payments.QuoteAsync(listPrice, asked.CouponCode, cancellationToken);
        var id = await writes.RunAsync(async () =>
        {
            var held = await db.Set<Booking>().AsNoTracking()
                .Where(b => b.StudentId == caller.UserId && b.MentorId == mentor.Id && b.StartsAt == asked.Start && b.Status == BookingStatus.PendingPayment && b.HoldExpiresAt > now)
                .Select(b => (Guid?)b.Id).FirstOrDefaultAsync(cancellationToken);
            if (held is { } existing)
            {
                return existing;
            }

            if (!await slots.OffersAsync(mentor.Schedule, settings, asked.Start, asked.DurationMinutes, excluding: null, cancellationToken))
            {
                throw new ConflictException(text["bookings.refused.slot_not_offered"]);
            }

            var booking = Booking.Hold(
                mentor.Id, mentor.UserId, caller.UserId, asked.Start, asked.DurationMinutes, settings.BufferMinutes, asked.SessionType, asked.SessionLanguage,
                quote.Total, quote.CouponCode, asked.Questionnaire, now);
            // The checkout first, the booking last: the rows that serialise bookings (the availability clock, the no-overlap rule)
            // are then held only for the moment before commit, never while a provider answers.
            await payments.StartCheckoutAsync(new Purchase(
                PurchaseKind, booking.Id.ToString(), caller.UserId, mentor.UserId, listPrice, Description(mentor, booking, student), booking.HoldExpiresAt,
                BookingLinks.Page(booking.Id), asked.CouponCode), cancellationToken);
            await slots.ClearLapsedAsync(mentor.Id, booking.StartsAt, booking.BlocksUntil, except: null, cancellationToken);
            db.Add(booking);
            jobs.Add(BookingJobs.ExpireHold, new BookingJobPayload(booking.Id), booking.HoldExpiresAt);
            audit.Add(BookingAudit.Held, caller.Client, caller.UserId, caller.UserId, BookingAudit.Detail(booking, $"held until {booking.HoldExpiresAt}"));
            await db.SaveChangesAsync(cancellationToken);
            return booking.Id;
        }, cancellationToken);
        return await views.ViewAsync(await db.Set<Booking>().AsNoTracking().SingleAsync(b => b.Id == id, cancellationToken), cancellationToken);
    }

    /// <summary>API.md <c>GET /api/v1/bookings/{id}</c>: for its parties and staff; 404 for anyone else.</summary>
    public async Task<BookingDto> GetAsync(BookingCaller caller, string id, CancellationToken cancellationToken) =>
        await views.ViewAsync((await access.FindAsync(caller, id, tracked: false, cancellationToken)).Booking, cancellationToken);

    /// <summary>
    /// API.md <c>GET /api/v1/bookings?as=student|mentor&amp;when=upcoming|past</c>. Upcoming: confirmed sessions and live holds that
    /// have not ended, soonest first. Past: everything else (ended, cancelled, expired), latest first.
    /// </summary>
    public async Task<(IReadOnlyList<BookingDto> Items, string? NextCursor)> ListAsync(
        string userId, string? asRole, string? when, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var role = asRole?.Trim().ToLowerInvariant();
        if (role is not (Roles.Student or Roles.Mentor))
        {
            errors.Add("as", text["bookings.validation.as"]);
        }

        var upcoming = (when?.Trim().ToLowerInvariant() ?? "upcoming") switch
        {
            "upcoming" => true,
            "past" => false,
            _ => (bool?)null,
        };
        if (upcoming is null)
        {
            errors.Add("when", text["bookings.validation.when"]);
        }

        var take = Limit(limit, errors);
        errors.ThrowIfAny();
        var list = $"bookings-{role}-{(upcoming!.Value ? "upcoming" : "past")}";
        var now = clock.GetCurrentInstant();
        var mine = role == Roles.Student
            ? db.Set<Booking>().AsNoTracking().Where(b => b.StudentId == userId)
            : db.Set<Booking>().AsNoTracking().Where(b => b.MentorUserId == userId);
        var rows = upcoming.Value
            ? mine.Where(b => b.EndsAt > now && (b.Status == BookingStatus.Confirmed || (b.Status == BookingStatus.PendingPayment && b.HoldExpiresAt > now)))
            : mine.Where(b => b.EndsAt <= now || (b.Status != BookingStatus.Confirmed && (b.Status != BookingStatus.PendingPayment || b.HoldExpiresAt <= now)));
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            var (at, after) = cursors.Read(list, cursor.Trim());
            rows = upcoming.Value
                ? rows.Where(b => b.StartsAt > at || (b.StartsAt == at && b.Id.CompareTo(after) > 0))
                : rows.Where(b => b.StartsAt < at || (b.StartsAt == at && b.Id.CompareTo(after) < 0));
        }

        var ordered = upcoming.Value ? rows.OrderBy(b => b.StartsAt).ThenBy(b => b.Id) : rows.OrderByDescending(b => b.StartsAt).ThenByDescending(b => b.Id);
        var page = await ordered.Take(take + 1).ToListAsync(cancellationToken);
        var shown = page.Take(take).ToList();
        return (await views.ViewsAsync(shown, cancellationToken), page.Count > take ? cursors.Write(list, shown[^1].StartsAt, shown[^1].Id) : null);
    }

    /// <summary>A public mentor as booking needs them, by id or slug; null when there is none.</summary>
    public async Task<BookableMentor?> FindMentorAsync(string idOrSlug, CancellationToken cancellationToken) =>
        (await mentors.FindAsync(idOrSlug, profiles => profiles.Select(m => new BookableMentor(
            m.Id, m.Slug, m.UserId, m.User!.Name, m.HourlyRate, m.TimeZone, m.Languages.Select(l => l.LanguageCode).ToList())), m => m.Slug, cancellationToken))?.Found;

    /// <summary>The session languages a student may choose with this mentor: the mentor's that the student speaks (all of the mentor's before the student says which they speak).</summary>
    public async Task<IReadOnlyList<string>> LanguagesAsync(BookableMentor mentor, string studentId, CancellationToken cancellationToken)
    {
        var profile = await students.FindAsync(studentId, cancellationToken);
        var spoken = profile is null ? null : new HashSet<string>(profile.LanguagesSpoken.Append(profile.PrimaryLanguage), StringComparer.Ordinal);
        return [.. mentor.Languages.Where(l => spoken is null || spoken.Contains(l)).Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether a student under 16 still waits for their guardian's consent (or their account may not book at all).</summary>
    public bool NeedsGuardian(User student, Instant now) =>
        !student.CanBookOrMessage
        || (student.DateOfBirth is { } born && User.NeedsGuardianConsent(born, now.InUtc().Date) && student.GuardianConsent != GuardianConsent.Granted);

    /// <summary>The hourly rate × minutes ÷ 60, to the nearest minor unit (halves up).</summary>
    public static Money PriceOf(Money hourlyRate, int durationMinutes) => hourlyRate with { AmountMinor = Payment.Proportion(hourlyRate.AmountMinor, durationMinutes, 60) };

    private string Description(BookableMentor mentor, Booking booking, User student) =>
        text["bookings.purchase.description", booking.DurationMinutes, mentor.Name,
            booking.StartsAt.InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(student.TimeZone) ?? DateTimeZone.Utc).ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture)];

    private int Limit(string? limit, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(limit))
        {
            return DefaultLimit;
        }

        if (int.TryParse(limit.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var take) && take is >= 1 and <= MaxLimit)
        {
            return take;
        }

        errors.Add("limit", text["validation.limit", MaxLimit]);
        return DefaultLimit;
    }
}
