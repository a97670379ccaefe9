using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Matching;

public static class MentorPreferencesEndpoints
{
    public static IEndpointRouteBuilder MapMentorPreferencesApi(this IEndpointRouteBuilder app)
    {
        var preferences = app.MapGroup("/api/v1/me/mentor-preferences").WithTags("Finding mentors").RequireAuthorization(Policies.Student);
        preferences.MapPost("/{mentorId}", Set).WithName("SetMentorPreference")
            .WithSummary("Favourite, unfavourite, hide or unhide a mentor; hidden mentors never appear in the student's recommendations")
            .WithDescription("Favouriting a hidden mentor unhides them and hiding a favourite unfavourites them. Favourite and hide need "
                + "an approved, active mentor (404 otherwise, as for an unknown id); unfavourite and unhide always succeed for a mentor "
                + "that exists. Repeating an action changes nothing.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        preferences.MapGet("", List).WithName("ListMentorPreferences")
            .WithSummary("The student's favourite (kind=favorite, the default) or hidden (kind=hidden) mentors, most recent first")
            .WithDescription("Only approved, active mentors are listed. Pass nextCursor back as cursor, with the same kind, until it is null.")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<NoContent> Set(
        string mentorId, MentorPreferenceRequest? request, ClaimsPrincipal principal, MentorPreferencesService preferences,
        CancellationToken cancellationToken)
    {
        await preferences.SetAsync(AccountsEndpoints.UserId(principal), mentorId, request?.Action, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ListResponse<MentorCardDto>>> List(
        [AsParameters] MentorPreferenceListRequest request, ClaimsPrincipal principal, MentorPreferencesService preferences, HttpContext http,
        CancellationToken cancellationToken)
    {
        var page = await preferences.ListAsync(AccountsEndpoints.UserId(principal), request.Kind, request.Limit, request.Cursor, cancellationToken);
        return TypedResults.Ok(new ListResponse<MentorCardDto>([.. page.Mentors.Select(m => MentorCardDto.From(m, http))], page.NextCursor));
    }
}
