using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using NodaTime.Text;

namespace Gurukul.Features.Scheduling;

public static class SchedulingEndpoints
{
    public static IEndpointRouteBuilder MapSchedulingApi(this IEndpointRouteBuilder app)
    {
        // 404 on both: availability belongs to the mentor profile, which may not exist yet.
        var availability = app.MapGroup("/api/v1/me/availability").WithTags("Availability and slots").RequireAuthorization(Policies.Mentor)
            .ProducesProblem(StatusCodes.Status404NotFound);
        availability.MapGet("", GetAvailability).WithName("GetAvailability")
            .WithSummary("The signed-in mentor's availability (an empty weekly list before the first PUT; 404 before the mentor profile)");
        availability.MapPut("", PutAvailability).WithName("SaveAvailability")
            .WithSummary("Replace the mentor's weekly hours, date overrides and booking rules; slots and search follow at once")
            .WithDescription("Times are wall-clock HH:mm in timezone (IANA); end may be 24:00; intervals of one day must not overlap. "
                + "An override replaces that local date's weekly hours (empty intervals: a day off). durations ⊆ {15, 30, 45, 60, 90, 120}, "
                + "bufferMinutes 0–120, minNoticeMinutes 0–20160, maxSessionsPerDay 1–24 or null, horizonDays 1–365. "
                + "Every bad value is a 400 naming its path (weekly[2].end, overrides[0].intervals[1].start). 409 when another save "
                + "of the same availability committed at the same moment: read it again.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGroup("/api/v1/mentors").WithTags("Availability and slots").AllowAnonymous()
            .MapGet("/{idOrSlug}/slots", GetSlots).WithName("GetSlots")
            .WithSummary("A public mentor's bookable slots of one length, grouped by date in the time zone asked for")
            .WithDescription("from and to are dates in timezone (the mentor's by default), inclusive, at most 42 days apart. A slot is "
                + "offered when the whole session fits in one of the mentor's intervals, starts at least minNoticeMinutes from now and "
                + "within horizonDays, keeps bufferMinutes clear of every booked or held session, and its day is under the cap. Local "
                + "times in a DST gap are never offered; a repeated hour is offered once per real instant. start and end are UTC.")
            .Produces(StatusCodes.Status301MovedPermanently)
            // The query is taken as text, so binding refuses nothing: the service names each bad value.
            .ProducesValidationProblem();

        var feed = app.MapGroup("/api/v1/me/calendar-feed").WithTags("Availability and slots").RequireAuthorization();
        feed.MapGet("", GetFeed).WithName("GetCalendarFeed")
            .WithSummary("The secret address of the signed-in user's calendar feed (ICS) for Google, Apple or Outlook calendars");
        feed.MapPost("", ReplaceFeed).WithName("ReplaceCalendarFeed")
            .WithSummary("Replace a leaked feed address: the old one stops working at once");

        // The feed itself: the secret in the address is the credential (calendar apps send no cookies), so it is rate limited
        // like sign-in.
        app.MapGet($"{CalendarFeedService.FeedPath}/{{token}}.ics", GetCalendar).AllowAnonymous()
            .RequireRateLimiting(Policies.AuthRateLimit).ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<AvailabilityDto>> GetAvailability(ClaimsPrincipal principal, AvailabilityService availability, CancellationToken cancellationToken) =>
        TypedResults.Ok(await availability.GetAsync(AccountsEndpoints.UserId(principal), cancellationToken));

    private static async Task<Ok<AvailabilityDto>> PutAvailability(
        AvailabilityRequest request, ClaimsPrincipal principal, AvailabilityService availability, CancellationToken cancellationToken) =>
        TypedResults.Ok(await availability.SaveAsync(AccountsEndpoints.UserId(principal), request, cancellationToken));

    private static async Task<Results<Ok<SlotsDto>, RedirectHttpResult>> GetSlots(
        string idOrSlug, [AsParameters] SlotsRequest request, HttpContext http, SlotService slots, IStringLocalizer<Strings> text,
        CancellationToken cancellationToken)
    {
        var found = await slots.FindMentorAsync(idOrSlug, cancellationToken) ?? throw new NotFoundException(text["mentorprofile.not_found"]);
        if (found.Found is not { } mentor || (found.CanonicalSlug != idOrSlug && !found.ById))
        {
            return TypedResults.Redirect($"/api/v1/mentors/{found.CanonicalSlug}/slots{http.Request.QueryString}", permanent: true);
        }

        var result = await slots.SlotsAsync(mentor, request, cancellationToken);
        return TypedResults.Ok(new SlotsDto(
            mentor.Id.ToString(), result.Duration, result.Zone.Id,
            [.. result.Days.Select(d => new SlotDayDto(LocalDatePattern.Iso.Format(d.Date),
                [.. d.Slots.Select(s => new SlotDto(s.Start.ToDateTimeUtc(), s.End.ToDateTimeUtc()))]))]));
    }

    private static async Task<Ok<CalendarFeedDto>> GetFeed(ClaimsPrincipal principal, HttpContext http, CalendarFeedService feeds, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CalendarFeedDto(await feeds.UrlAsync(AccountsEndpoints.UserId(principal), PublicUrls.BaseUrl(http), cancellationToken)));

    private static async Task<Ok<CalendarFeedDto>> ReplaceFeed(ClaimsPrincipal principal, HttpContext http, CalendarFeedService feeds, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CalendarFeedDto(await feeds.ReplaceAsync(AccountsEndpoints.UserId(principal), PublicUrls.BaseUrl(http), cancellationToken)));

    private static async Task<IResult> GetCalendar(string token, CalendarFeedService feeds, IStringLocalizer<Strings> text, CancellationToken cancellationToken) =>
        await feeds.CalendarAsync(token, cancellationToken) is { } calendar
            ? TypedResults.Text(calendar, CalendarFile.ContentType)
            : throw new NotFoundException(text["scheduling.feed.not_found"]);
}

/// <summary><c>{ "url": "https://…/calendar/…ics" }</c>.</summary>
public sealed record CalendarFeedDto(string Url);
