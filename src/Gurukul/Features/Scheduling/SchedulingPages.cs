using Gurukul.Features.Scheduling.Pages;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Scheduling;

/// <summary>htmx fragments of the scheduling parts of pages.</summary>
public static class SchedulingPages
{
    public static IEndpointRouteBuilder MapSchedulingFragments(this IEndpointRouteBuilder app)
    {
        // A public profile's calendar alone; the address bar gets the page's own address (HX-Push-Url), which shows the same.
        app.MapGet("/mentors/{slug}/calendar", async (string slug, HttpContext http, SlotService slots, ProfileCalendar calendars,
                IStringLocalizer<Strings> text, CancellationToken cancellationToken) =>
            {
                var found = await slots.FindMentorAsync(slug, cancellationToken);
                if (found?.Found is not { } mentor)
                {
                    throw new NotFoundException(text["mentorprofile.not_found"]);
                }

                var view = await calendars.ForAsync(mentor, CalendarQuery.From(http.Request), cancellationToken);
                CalendarQuery.Remember(http.Response, view);
                // A zone the browser detected changes what is shown, not where the reader is: no new address for it.
                if (http.Request.Query["detected"] != "1")
                {
                    http.Response.Headers["HX-Push-Url"] = view.Link();
                }

                return new RazorComponentResult<MentorCalendar>(new { View = view });
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
