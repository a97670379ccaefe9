using Gurukul.Features.Discovery.Pages;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Discovery;

/// <summary>htmx fragments of the discovery pages.</summary>
public static class DiscoveryPages
{
    public static IEndpointRouteBuilder MapDiscoveryFragments(this IEndpointRouteBuilder app)
    {
        // The next cards of a search and the link after them ("show more"), for the page at /mentors.
        app.MapGet("/mentors/more", async (string? cursor, int? page, HttpContext http, MentorSearchService search, IStringLocalizer<Strings> text,
                IClock clock, CancellationToken cancellationToken) =>
            {
                var query = SearchPageQuery.From(http.Request.Query);
                var results = await search.SearchAsync(query.ToRequest(text, clock.GetCurrentInstant(), cursor), cancellationToken);
                return new RazorComponentResult<MentorList>(new { Page = results, Query = query, PageNumber = Math.Clamp(page ?? 2, 1, 10_000) });
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
