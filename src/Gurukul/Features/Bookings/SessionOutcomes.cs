using Gurukul.Features.Audit;
using Gurukul.Features.Payments;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>
/// After the session (API.md): the mentor or staff record what happened, the student may dispute within 48 h, and staff settle
/// disputes. Money follows through Payments: completed or student no-show starts the 48 h escrow hold, a mentor no-show gives
/// everything back, a dispute holds the escrow until staff settle it with a refund of up to the price. The session room (a later
/// issue) records outcomes from attendance through <see cref="RecordAsync"/>, the same path.
/// </summary>
public sealed class SessionOutcomes(
    GurukulDbContext db, BookingRules rules, BookingAccess access, BookingViews views, BookingWrites writes, BookingChanges changes,
    PaymentsService payments, SignedCursors cursors, AuditLog audit, IClock clock, IStringLocalizer<Strings> text)
{
    private const string DisputesList = "disputes";

    /// <summary>API.md <c>POST /api/v1/bookings/{id}/outcome</c>: the mentor or staff, after the end. 403 for the student; 409 before the end or once recorded.</summary>
    public async Task<BookingDto> RecordOutcomeAsync(BookingCaller caller, string id, OutcomeRequest request, CancellationToken cancellationToken)
    {
        var outcome = BookingRules.Parse<BookingStatus>(request.Outcome) is { } parsed
            && parsed is BookingStatus.Completed or BookingStatus.StudentNoShow or BookingStatus.MentorNoShow
            ? parsed
            : throw new ValidationException("outcome", text["bookings.validation.outcome"]);
        var booking = await writes.RunAsync(async () =>
        {
            var (booking, actor) = await access.FindAsync(caller, id, tracked: true, cancellationToken);
            if (actor == BookingActor.Student)
            {
                throw new ForbiddenException(text["bookings.outcome_not_students"]);
            }

            await RecordAsync(booking, outcome, actor, caller.UserId, caller.Client, cancellationToken);
            return booking;
        }, cancellationToken);
        return await views.ViewAsync(booking, cancellationToken);
    }

    /// <summary>
    /// Records <paramref name="outcome"/> on a tracked booking and moves its money, in the caller's transaction: completed and
    /// student no-show start the escrow's 48 h hold from the end of the session; a mentor no-show refunds everything.
    /// </summary>
    public async Task RecordAsync(Booking booking, BookingStatus outcome, BookingActor by, string? userId, ClientInfo client, CancellationToken cancellationToken)
    {
        if (booking.OutcomeRefusal(by, clock.GetCurrentInstant()) is { } refusal)
        {
            throw changes.Refused(refusal);
        }

        booking.RecordOutcome(outcome, by, clock.GetCurrentInstant());
        audit.Add(BookingAudit.Outcome, client, userId, booking.StudentId, BookingAudit.Detail(booking, $"recorded by {BookingRules.Name(by)}"));
        await db.SaveChangesAsync(cancellationToken);
        var purchase = booking.Id.ToString();
        if (outcome == BookingStatus.MentorNoShow)
        {
            await payments.RefundAsync(purchase, booking.Price, "the mentor did not come", $"mentor-no-show:{booking.Id}", cancellationToken);
        }
        else
        {
            await payments.MarkCompletedAsync(purchase, booking.EndsAt, cancellationToken);
        }
    }

    /// <summary>API.md <c>POST /api/v1/bookings/{id}/dispute</c>: the student, after the end and within 48 h of it, once. The escrow stays held.</summary>
    public async Task<BookingDto> DisputeAsync(BookingCaller caller, string id, DisputeRequest request, CancellationToken cancellationToken)
    {
        var reason = rules.Reason("reason", request.Reason, required: true, BookingRules.TextMaxLength);
        var booking = await writes.RunAsync(async () =>
        {
            var (booking, actor) = await access.FindAsync(caller, id, tracked: true, cancellationToken);
            if (actor != BookingActor.Student)
            {
                throw new ForbiddenException(text["bookings.dispute_students_only"]);
            }

            if (booking.DisputeRefusal(clock.GetCurrentInstant()) is { } refusal)
            {
                throw changes.Refused(refusal);
            }

            booking.Dispute(reason, clock.GetCurrentInstant());
            audit.Add(BookingAudit.Disputed, caller.Client, caller.UserId, booking.StudentId, BookingAudit.Detail(booking, "disputed by the student"));
            await db.SaveChangesAsync(cancellationToken);
            await payments.OpenDisputeAsync(booking.Id.ToString(), cancellationToken);
            return booking;
        }, cancellationToken);
        return await views.ViewAsync(booking, cancellationToken);
    }

    /// <summary>
    /// API.md <c>POST /api/v1/admin/bookings/{id}/resolve</c> (staff): gives <c>refund</c> (0 up to the price, in its currency) back to
    /// the student and releases the rest of the escrow at once, 70/30. 409 unless the booking is disputed.
    /// </summary>
    public async Task<BookingDto> ResolveAsync(BookingCaller caller, string id, ResolveRequest request, CancellationToken cancellationToken)
    {
        var note = rules.Reason("note", request.Note, required: true, BookingRules.TextMaxLength);
        var booking = await writes.RunAsync(async () =>
        {
            var booking = await access.FindForStaffAsync(id, cancellationToken);
            var refund = Refund(request.Refund, booking.Price);
            if (booking.ResolveRefusal() is { } refusal)
            {
                throw changes.Refused(refusal);
            }

            booking.Resolve(refund.AmountMinor, note, clock.GetCurrentInstant());
            audit.Add(BookingAudit.Resolved, caller.Client, caller.UserId, booking.StudentId,
                BookingAudit.Detail(booking, $"settled with a refund of {refund.AmountMinor} {refund.Currency}"));
            await db.SaveChangesAsync(cancellationToken);
            await payments.SettleDisputeAsync(booking.Id.ToString(), refund, note, $"dispute:{booking.Id}", cancellationToken);
            return booking;
        }, cancellationToken);
        return await views.ViewAsync(booking, cancellationToken);
    }

    /// <summary>Staff's queue: disputed bookings, oldest dispute first.</summary>
    public async Task<(IReadOnlyList<DisputeDto> Items, string? NextCursor)> DisputesAsync(string? cursor, CancellationToken cancellationToken)
    {
        const int take = 20;
        var rows = db.Set<Booking>().AsNoTracking().Where(b => b.Status == BookingStatus.Disputed);
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            var (at, after) = cursors.Read(DisputesList, cursor.Trim());
            rows = rows.Where(b => b.DisputedAt > at || (b.DisputedAt == at && b.Id.CompareTo(after) > 0));
        }

        var page = await rows.OrderBy(b => b.DisputedAt).ThenBy(b => b.Id).Take(take + 1).ToListAsync(cancellationToken);
        var shown = page.Take(take).ToList();
        var items = await views.ViewsAsync(shown, cancellationToken);
        return ([.. shown.Zip(items, (b, view) => new DisputeDto(view, b.DisputeReason ?? "", b.DisputedAt!.Value.ToDateTimeUtc()))],
            page.Count > take ? cursors.Write(DisputesList, shown[^1].DisputedAt!.Value, shown[^1].Id) : null);
    }

    private Money Refund(Gurukul.Features.Mentors.MoneyDto? refund, Money price)
    {
        var errors = new FieldErrors();
        if (refund?.AmountMinor is not { } amount || amount < 0 || amount > price.AmountMinor)
        {
            errors.Add("refund.amountMinor", text["bookings.validation.refund", price.AmountMinor]);
        }

        if (refund?.Currency?.Trim().ToUpperInvariant() != price.Currency)
        {
            errors.Add("refund.currency", text["bookings.validation.refund_currency", price.Currency]);
        }

        errors.ThrowIfAny();
        return price with { AmountMinor = refund!.AmountMinor!.Value };
    }
}
