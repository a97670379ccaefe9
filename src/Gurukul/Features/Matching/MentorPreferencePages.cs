using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Gurukul.Features.Matching;

/// <summary>The form side of mentor preferences: the buttons on cards and profiles post here, and work without JavaScript.</summary>
public static class MentorPreferencePages
{
    public const string FavouritesPath = "/favourites";

    public static IEndpointRouteBuilder MapMentorPreferencePages(this IEndpointRouteBuilder app)
    {
        // Post/redirect/get with 303, so a reload does not post again.
        app.MapPost("/me/mentor-preferences/{mentorId}", async (
                string mentorId, ClaimsPrincipal principal, MentorPreferencesService preferences, IAntiforgery antiforgery, HttpContext http) =>
            {
                // Checked here rather than by binding [FromForm]: a failed check there throws, and the error page cannot be
                // re-executed for a POST, so the browser would get an empty answer. A stale page (its token expired) is the
                // usual cause: the error page, like the sign-in cookie's own /error/403, says to go back and try again.
                if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
                {
                    return FormRedirects.SeeOther(http, "/error/400");
                }

                var form = await http.Request.ReadFormAsync(http.RequestAborted);
                string? action = form["action"], returnUrl = form["returnUrl"];
                try
                {
                    await preferences.SetAsync(AccountsEndpoints.UserId(principal), mentorId, action, http.RequestAborted);
                }
                catch (DomainException refused)
                {
                    // A mentor who stopped being public since the page was drawn, or a tampered form: for the same reason
                    // as above, the error page is reached by a redirect.
                    return FormRedirects.SeeOther(http, $"/error/{ProblemMapping.StatusFor(refused)}");
                }

                return FormRedirects.SeeOther(http, WithNotice(LocalUrls.OrFallback(returnUrl, FavouritesPath), action!.Trim().ToLowerInvariant()));
            })
            .RequireAuthorization(Policies.Student)
            .DisableAntiforgery()
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
