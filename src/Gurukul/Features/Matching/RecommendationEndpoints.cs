using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Matching;

public static class RecommendationEndpoints
{
    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/recommendations/mentors", Get)
            .WithTags("Recommendations").RequireAuthorization(Policies.Student)
            .WithName("GetMentorRecommendations")
            .WithSummary("Mentors recommended to the signed-in student, best first, each with a 0–1 score, its components and reasons in the student's language (409 before the student has a profile)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<RecommendationListDto>> Get(
        int? limit, ClaimsPrincipal principal, RecommendationService recommendations, HttpContext http, CancellationToken cancellationToken)
    {
        var items = await recommendations.GetAsync(AccountsEndpoints.UserId(principal), limit, cancellationToken);
        return TypedResults.Ok(new RecommendationListDto([.. items.Select(i => RecommendationDto.From(i, http))]));
    }
}

/// <summary>API.md <c>GET /api/v1/recommendations/mentors</c>.</summary>
public sealed record RecommendationListDto(IReadOnlyList<RecommendationDto> Items);

public sealed record RecommendationDto(MentorCardDto Mentor, double Score, MatchComponents Components, IReadOnlyList<string> Reasons)
{
    public static RecommendationDto From(RecommendedMentor r, HttpContext http) => new(MentorCardDto.From(r.Mentor, http), r.Score, r.Components, r.Reasons);
}
