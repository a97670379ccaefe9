using System.Security.Claims;
using Gurukul.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gurukul.Features.Accounts;

/// <summary><c>PUT</c> and <c>DELETE /api/v1/me/photo</c>: any signed-in user's profile photo.</summary>
public static class ProfilePhotoEndpoints
{
    // The photo limit plus room for the multipart envelope: a larger body is refused (413) before it is read.
    private const long MaxRequestBytes = 5 * 1024 * 1024 + 64 * 1024;

    public static IEndpointRouteBuilder MapProfilePhotoApi(this IEndpointRouteBuilder app)
    {
        var photo = app.MapGroup("/api/v1/me/photo").WithTags("Accounts").RequireAuthorization();
        photo.MapPut("", Put).WithName("SetProfilePhoto")
            .WithSummary("Upload the profile photo (multipart `file`: JPEG or PNG judged by its bytes, at most 5 MB); replaces and removes the old one")
            // Form-bound endpoints want an antiforgery token, which API clients do not have, and need not: a bearer token
            // is never sent by another site, and the session cookie is SameSite=Lax, so it does not go with another site's
            // requests either. A cross-site PUT would moreover need a CORS preflight, which Gurukul never grants.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            // Another change of the same photo kept winning the race: try again.
            .ProducesProblem(StatusCodes.Status409Conflict);
        photo.MapDelete("", Delete).WithName("DeleteProfilePhoto").WithSummary("Remove the profile photo (204 also when there was none)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<ProfilePhotoDto>> Put(IFormFile? file, ClaimsPrincipal principal, ProfilePhotos photos, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ProfilePhotoDto(await photos.ReplaceAsync(AccountsEndpoints.UserId(principal), file, cancellationToken)));

    private static async Task<NoContent> Delete(ClaimsPrincipal principal, ProfilePhotos photos, CancellationToken cancellationToken)
    {
        await photos.RemoveAsync(AccountsEndpoints.UserId(principal), cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>Where the photo is served: a path under <see cref="PublicFiles.PathPrefix"/>, public and cacheable.</summary>
public sealed record ProfilePhotoDto(string PhotoUrl);
