using System.Security.Claims;
using Gurukul.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Mentors;

public static class MentorProfileEndpoints
{
    public static IEndpointRouteBuilder MapMentorProfileApi(this IEndpointRouteBuilder app)
    {
        var profile = app.MapGroup("/api/v1/me/mentor-profile").WithTags("Mentor profile").RequireAuthorization(Policies.Mentor);
        profile.MapGet("", Get).WithName("GetMentorProfile").WithSummary("The signed-in mentor's profile (404 before the first PUT)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        profile.MapPut("", Put).WithName("SaveMentorProfile")
            .WithSummary("Create or replace the mentor's profile; a new profile starts as draft, with a readable unique slug")
            .WithDescription("409 when the application changed meanwhile (a reviewer acted, or it was submitted): read it again.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        profile.MapPut("/slug", PutSlug).WithName("ChangeMentorSlug")
            .WithSummary("Change the mentor's public address (/mentors/{slug}); the old one redirects there and stays theirs")
            .WithDescription("3–60 lowercase letters, digits and single hyphens; reserved words (new, search, more, api …) are 400. "
                + "409 when another mentor uses the address now or used it before. The mentor's own old addresses may be taken back. "
                + "404 before the mentor has a profile.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<MentorSlugDto>> PutSlug(
        MentorSlugRequest request, ClaimsPrincipal principal, MentorProfileService profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profiles.ChangeSlugAsync(AccountsEndpoints.UserId(principal), request, cancellationToken));

    private static async Task<Ok<MentorProfileDto>> Get(ClaimsPrincipal principal, MentorProfileService profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profiles.GetAsync(AccountsEndpoints.UserId(principal), cancellationToken));

    private static async Task<Ok<MentorProfileDto>> Put(
        MentorProfileRequest request, ClaimsPrincipal principal, MentorProfileService profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profiles.SaveAsync(AccountsEndpoints.UserId(principal), request, cancellationToken));
}
