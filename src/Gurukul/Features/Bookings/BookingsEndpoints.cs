using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;
using Gurukul.Features.Scheduling;
using Gurukul.Platform.Idempotency;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Bookings;

/// <summary>API.md "Bookings" (docs/adr/0026, 0027).</summary>
public static class BookingsEndpoints
{
    public const string Tag = "Bookings";

    public static IEndpointRouteBuilder MapBookingsApi(this IEndpointRouteBuilder app)
    {
        var bookings = app.MapGroup("/api/v1/bookings").WithTags(Tag);
        bookings.MapPost("", Book).RequireAuthorization(Policies.Student).RequireIdempotency().WithName("BookSession")
            .WithSummary("Hold a mentor's slot for 10 minutes and open its checkout: pay at payment.checkoutUrl")
            .WithDescription("Price = the mentor's hourly rate × duration ÷ 60 in their currency, less any coupon. 400 for a duration the mentor "
                + "does not offer, a language you do not both speak (sessionLanguage), a missing purpose or a coupon that cannot apply; 403 for a "
                + "student under 16 whose guardian has not consented, or a mentor booking themselves; 404 for an unknown mentor; 409 when the "
                + "slot is not (or no longer) offered; 429 after too many attempts. Asking again for a slot you hold returns that hold.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        bookings.MapGet("", List).RequireAuthorization().WithName("ListBookings")
            .WithSummary("The caller's sessions as student or mentor: upcoming (soonest first) or past (latest first)")
            .WithDescription("as = student | mentor (by default student when the caller is one, else mentor); when = upcoming (confirmed "
                + "sessions and live holds not yet ended) | past (everything else). limit 1–100 (20); pass nextCursor back as cursor.")
            .ProducesValidationProblem();
        bookings.MapGet("/{bookingId}", Get).RequireAuthorization().WithName("GetBooking")
            .WithSummary("One booking, for its student, its mentor and staff (404 for anyone else)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        bookings.MapPost("/{bookingId}/cancel", Cancel).RequireAuthorization().RequireIdempotency().WithName("CancelBooking")
            .WithSummary("Cancel ({ reason }): the platform's refund policy applies")
            .WithDescription("By the mentor or staff: everything back. By the student 24 h or more before the start: everything; 2–24 h: half; "
                + "under 2 h: nothing. An unpaid booking just releases its hold. 409 after the start or once no longer live.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        bookings.MapPost("/{bookingId}/reschedule", Reschedule).RequireAuthorization().RequireIdempotency().WithName("RescheduleBooking")
            .WithSummary("Move a confirmed session to another offered slot ({ start }): same id, same price")
            .WithDescription("The student 24 h or more before the start, the mentor any time before it. The old start is appended to "
                + "rescheduledFrom and the calendar SEQUENCE raised. 409 when not allowed now or the new time is not an offered slot.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        bookings.MapPost("/{bookingId}/outcome", Outcome).RequireAuthorization().RequireIdempotency().WithName("RecordSessionOutcome")
            .WithSummary("The mentor or staff, after the end: { outcome: completed | student_no_show | mentor_no_show }")
            .WithDescription("completed and student_no_show release the escrow to the mentor 48 h after the end unless the student disputes; "
                + "mentor_no_show gives the student everything back. 403 for the student; 409 before the end or once recorded.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        bookings.MapPost("/{bookingId}/dispute", Dispute).RequireAuthorization().RequireIdempotency().WithName("DisputeBooking")
            .WithSummary("The student, after the end and within 48 h of it, once ({ reason }): staff settle it")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        bookings.MapGet("/{bookingId}/calendar.ics", Ics).RequireAuthorization().WithName("GetBookingCalendarFile")
            .WithSummary("The session as an RFC 5545 calendar file: stable UID, UTC times, SEQUENCE raised on every reschedule")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var admin = app.MapGroup("/api/v1/admin").WithTags(Tag).RequireAuthorization(Policies.Staff);
        admin.MapPost("/bookings/{bookingId}/resolve", Resolve).RequireIdempotency().WithName("ResolveDispute")
            .WithSummary("Settle a dispute: { refund: Money (0 up to the price), note }; the rest of the escrow is released at once, 70/30")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapGet("/disputes", Disputes).WithName("ListDisputes")
            .WithSummary("Disputed bookings waiting for staff, oldest first, with what the student said")
            .ProducesValidationProblem();
        return app;
    }

    /// <summary>The caller as bookings see them; staff means admin or support signed in with two-factor (the staff policy).</summary>
    public static async Task<BookingCaller> CallerAsync(HttpContext http) => new(
        AccountsEndpoints.UserId(http.User),
        (await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, Policies.Staff)).Succeeded,
        ClientInfo.From(http));

    private static async Task<Created<BookingDto>> Book(BookingRequest request, HttpContext http, BookingService service, CancellationToken cancellationToken)
    {
        var booking = await service.BookAsync(await CallerAsync(http), request, cancellationToken);
        return TypedResults.Created($"/api/v1/bookings/{booking.Id}", booking);
    }

    private static async Task<Ok<ListResponse<BookingDto>>> List(
        string? @as, string? when, string? limit, string? cursor, ClaimsPrincipal principal, BookingService service, CancellationToken cancellationToken)
    {
        var role = @as ?? (principal.IsInRole(Roles.Student) ? Roles.Student : Roles.Mentor);
        var (items, next) = await service.ListAsync(AccountsEndpoints.UserId(principal), role, when, limit, cursor, cancellationToken);
        return TypedResults.Ok(new ListResponse<BookingDto>(items, next));
    }

    private static async Task<Ok<BookingDto>> Get(string bookingId, HttpContext http, BookingService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(await CallerAsync(http), bookingId, cancellationToken));

    private static async Task<Ok<BookingDto>> Cancel(
        string bookingId, CancelRequest? request, HttpContext http, BookingChanges changes, CancellationToken cancellationToken) =>
        TypedResults.Ok(await changes.CancelAsync(await CallerAsync(http), bookingId, request ?? new CancelRequest(), cancellationToken));

    private static async Task<Ok<BookingDto>> Reschedule(
        string bookingId, RescheduleRequest request, HttpContext http, BookingChanges changes, CancellationToken cancellationToken) =>
        TypedResults.Ok(await changes.RescheduleAsync(await CallerAsync(http), bookingId, request, cancellationToken));

    private static async Task<Ok<BookingDto>> Outcome(
        string bookingId, OutcomeRequest request, HttpContext http, SessionOutcomes outcomes, CancellationToken cancellationToken) =>
        TypedResults.Ok(await outcomes.RecordOutcomeAsync(await CallerAsync(http), bookingId, request, cancellationToken));

    private static async Task<Ok<BookingDto>> Dispute(
        string bookingId, DisputeRequest request, HttpContext http, SessionOutcomes outcomes, CancellationToken cancellationToken) =>
        TypedResults.Ok(await outcomes.DisputeAsync(await CallerAsync(http), bookingId, request, cancellationToken));

    private static async Task<Ok<BookingDto>> Resolve(
        string bookingId, ResolveRequest request, HttpContext http, SessionOutcomes outcomes, CancellationToken cancellationToken) =>
        TypedResults.Ok(await outcomes.ResolveAsync(await CallerAsync(http), bookingId, request, cancellationToken));

    private static async Task<Ok<ListResponse<DisputeDto>>> Disputes(string? cursor, SessionOutcomes outcomes, CancellationToken cancellationToken)
    {
        var (items, next) = await outcomes.DisputesAsync(cursor, cancellationToken);
        return TypedResults.Ok(new ListResponse<DisputeDto>(items, next));
    }

    private static async Task<IResult> Ics(
        string bookingId, HttpContext http, BookingAccess access, BookingCalendar calendar, BookingChanges changes, CancellationToken cancellationToken)
    {
        var caller = await CallerAsync(http);
        var (booking, _) = await access.FindAsync(caller, bookingId, tracked: false, cancellationToken);
        if (booking.PaymentId is null)
        {
            throw changes.Refused(BookingRefusal.NotPaidYet);
        }

        return TypedResults.File(
            System.Text.Encoding.UTF8.GetBytes(await calendar.FileAsync(caller.UserId, booking, cancellationToken)),
            CalendarFile.ContentType, $"gurukul-session-{booking.StartsAt.InUtc().Date:yyyy-MM-dd}.ics");
    }
}
