using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Gurukul.Features.Matching;

/// <summary>The form side of mentor preferences: the buttons on cards and profiles post here, and work without JavaScript.</summary>
public static class MentorPreferencePages
{
    public const string FavouritesPath = "/favourites";

    public static IEndpointRouteBuilder MapMentorPreferencePages(this IEndpointRouteBuilder app)
    {
        // [FromForm] makes the endpoint check the antiforgery token. Post/redirect/get with 303, so a reload does not post again.
        app.MapPost("/me/mentor-preferences/{mentorId}", async (
                string mentorId, [FromForm] string? action, [FromForm] string? returnUrl, ClaimsPrincipal principal,
                MentorPreferencesService preferences, HttpContext http) =>
            {
                await preferences.SetAsync(AccountsEndpoints.UserId(principal), mentorId, action, http.RequestAborted);
                http.Response.Headers.Location = WithNotice(LocalUrls.OrFallback(returnUrl, FavouritesPath), action!.Trim().ToLowerInvariant());
                return Results.StatusCode(StatusCodes.Status303SeeOther);
            })
            .RequireAuthorization(Policies.Student)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary><paramref name="url"/> with <c>preference=<paramref name="action"/></c> in its query, replacing any earlier one.</summary>
    public static string WithNotice(string url, string action)
    {
        var fragmentAt = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = fragmentAt < 0 ? "" : url[fragmentAt..];
        var rest = fragmentAt < 0 ? url : url[..fragmentAt];
        var queryAt = rest.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? rest : rest[..queryAt];
        var query = new QueryBuilder(QueryHelpers.ParseQuery(queryAt < 0 ? "" : rest[queryAt..]).Where(q => q.Key != PreferenceNoticeQuery))
        {
            { PreferenceNoticeQuery, action },
        };
        return path + query + fragment;
    }

    public const string PreferenceNoticeQuery = "preference";
}
