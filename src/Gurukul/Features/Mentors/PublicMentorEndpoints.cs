using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Mentors;

public static class PublicMentorEndpoints
{
    public static IEndpointRouteBuilder MapPublicMentorApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/mentors").WithTags("Finding mentors").AllowAnonymous()
            .MapGet("/{idOrSlug}", Get)
            .WithName("GetMentor")
            .WithSummary("One approved, active mentor's public profile, by id or slug")
            .WithDescription("404 for any other mentor, with the same body as for an address never used. A slug the mentor has "
                + "since changed answers 301 Moved Permanently with Location: the current address (query kept), as the public page does.")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<MentorDetailDto>, RedirectHttpResult>> Get(
        string idOrSlug, HttpContext http, PublicMentorProfiles profiles, IStringLocalizer<Strings> text, CancellationToken cancellationToken)
    {
        var found = await profiles.FindAsync(idOrSlug, cancellationToken) ?? throw new NotFoundException(text["mentorprofile.not_found"]);
        if (found.Profile is null || (found.CanonicalSlug != idOrSlug && !found.ById))
        {
            return TypedResults.Redirect($"/api/v1/mentors/{found.CanonicalSlug}{http.Request.QueryString}", permanent: true);
        }

        return TypedResults.Ok(MentorDetailDto.From(found.Profile, http));
    }
}
