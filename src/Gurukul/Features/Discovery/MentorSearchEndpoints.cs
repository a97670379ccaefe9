using Gurukul.Features.Mentors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Discovery;

public static class MentorSearchEndpoints
{
    public static IEndpointRouteBuilder MapMentorSearchApi(this IEndpointRouteBuilder app)
    {
        var mentors = app.MapGroup("/api/v1/mentors").WithTags("Finding mentors").AllowAnonymous();
        mentors.MapGet("", Search).WithName("SearchMentors")
            .WithSummary("Approved, active mentors matching free text and filters, a page at a time")
            .WithDescription("Every filter narrows; every bad value is a 400 naming its parameter. q matches each of its words (at most "
                + "eight) as the start of a word of the name, headline, bio, subjects or expertise, or as a likely typo of one. "
                + "Pages are keyset-paged: pass nextCursor back as cursor, with the same filters and sort, until it is null; "
                + "mentors added meanwhile never repeat or skip one. total counts every match. availableFrom/availableTo (ISO 8601 "
                + "instants, or dates meaning whole UTC days) keep mentors with at least one bookable slot, of any length they offer, "
                + "starting in the window; either may be left out (from now, or without end).")
            .ProducesValidationProblem();
        mentors.MapGet("/facets", Facets).WithName("MentorFacets")
            .WithSummary("How many mentors each subject, language, level and price band would show, with the other filters applied")
            .WithDescription("Takes the same filters as GET /api/v1/mentors (sort, limit and cursor are ignored). Each facet is "
                + "counted with every filter except its own. Price bands are in rupees; mentors charging in another currency "
                + "are counted under other_currencies.")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<MentorListResponse>> Search(
        [AsParameters] MentorSearchRequest request, MentorSearchService search, HttpContext http, CancellationToken cancellationToken)
    {
        var page = await search.SearchAsync(request, cancellationToken);
        return TypedResults.Ok(new MentorListResponse([.. page.Mentors.Select(m => MentorCardDto.From(m, http))], page.NextCursor, page.Total));
    }

    private static async Task<Ok<MentorFacetsDto>> Facets(
        [AsParameters] MentorSearchRequest request, MentorSearchService search, CancellationToken cancellationToken) =>
        TypedResults.Ok(await search.FacetsAsync(request, cancellationToken));
}
