using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Components.Layout;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Notifications;

public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Messages and notifications").RequireAuthorization();
        me.MapGet("/notifications", List).WithName("ListNotifications")
            .WithSummary("The caller's notifications, newest first, with the unread count (unread=true for unread ones only)")
            .ProducesValidationProblem();
        me.MapPost("/notifications/read", MarkRead).WithName("MarkNotificationsRead")
            .WithSummary("Mark notifications read: { ids: [...] } or { all: true }; ids that are not the caller's are ignored")
            .ProducesValidationProblem();
        me.MapGet("/notification-preferences", GetPreferences).WithName("GetNotificationPreferences")
            .WithSummary("Which categories the caller receives by email and in the app");
        me.MapPut("/notification-preferences", SetPreferences).WithName("SetNotificationPreferences")
            .WithSummary("Set every category's email and in-app switch: bookings, reminders, messages, reviews, payouts")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>The form and fragment side: mark read from the notifications page, the nav badges for htmx, one-click unsubscribe.</summary>
    public static IEndpointRouteBuilder MapNotificationPages(this IEndpointRouteBuilder app)
    {
        app.MapPost(NotificationPaths.Centre + "/read", async (ClaimsPrincipal principal, NotificationCentre centre, IAntiforgery antiforgery, HttpContext http) =>
            {
                if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
                {
                    return FormRedirects.SeeOther(http, "/error/400");
                }

                var form = await http.Request.ReadFormAsync(http.RequestAborted);
                var request = form["id"].FirstOrDefault() is { } id ? new MarkNotificationsReadRequest(Ids: [id]) : new MarkNotificationsReadRequest(All: true);
                await centre.MarkReadAsync(AccountsEndpoints.UserId(principal), request, http.RequestAborted);
                return FormRedirects.SeeOther(http, NotificationPaths.Centre + "?read=1");
            })
            .RequireAuthorization()
            .DisableAntiforgery()
            .ExcludeFromDescription();

        // Opening a notification marks it read on the way to its subject.
        app.MapGet(NotificationPaths.Centre + "/{id}/open", async (string id, ClaimsPrincipal principal, NotificationCentre centre, HttpContext http) =>
            {
                var link = await centre.OpenAsync(AccountsEndpoints.UserId(principal), id, http.RequestAborted);
                return link is null ? Results.NotFound() : Results.LocalRedirect(LocalUrls.OrFallback(link, NotificationPaths.Centre));
            })
            .RequireAuthorization()
            .ExcludeFromDescription();

        // The navigation's counts, swapped in out of band when a stream event says they may have changed.
        app.MapGet("/me/badges", () => new RazorComponentResult<NavBadges>(new { OutOfBand = true }))
            .RequireAuthorization()
            .ExcludeFromDescription();

        // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" here without any cookie; the token is the authority. The
        // unsubscribe page's own button posts here too, and is sent back to the page, which then says it is done.
        app.MapPost(NotificationPaths.OneClick, async (string? token, NotificationCentre centre, HttpContext http) =>
            {
                if (!await centre.UnsubscribeAsync(token, http.RequestAborted))
                {
                    // With a body of its own: the error page cannot be re-executed for a POST without an antiforgery token.
                    return Results.Text("This unsubscribe link is not valid.\n", statusCode: StatusCodes.Status404NotFound);
                }

                var fromPage = http.Request.HasFormContentType && (await http.Request.ReadFormAsync(http.RequestAborted))["from"] == "page";
                return fromPage
                    ? FormRedirects.SeeOther(http, NotificationPaths.Unsubscribe + "?token=" + Uri.EscapeDataString(token!))
                    : Results.Text("Unsubscribed.\n");
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        // A client that opens the link instead gets the page, which asks first: a GET never unsubscribes (link scanners follow them).
        app.MapGet(NotificationPaths.OneClick, (string? token) =>
                Results.Redirect(NotificationPaths.Unsubscribe + "?token=" + Uri.EscapeDataString(token ?? "")))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<NotificationListResponse>> List(
        bool? unread, int? limit, string? cursor, ClaimsPrincipal principal, NotificationCentre centre, CancellationToken cancellationToken) =>
        TypedResults.Ok(await centre.ListAsync(AccountsEndpoints.UserId(principal), unread == true, limit, cursor, cancellationToken));

    private static async Task<NoContent> MarkRead(
        MarkNotificationsReadRequest request, ClaimsPrincipal principal, NotificationCentre centre, CancellationToken cancellationToken)
    {
        await centre.MarkReadAsync(AccountsEndpoints.UserId(principal), request, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<NotificationPreferencesDto>> GetPreferences(ClaimsPrincipal principal, NotificationCentre centre, CancellationToken cancellationToken) =>
        TypedResults.Ok(await centre.GetPreferencesAsync(AccountsEndpoints.UserId(principal), cancellationToken));

    private static async Task<Ok<NotificationPreferencesDto>> SetPreferences(
        NotificationPreferencesRequest request, ClaimsPrincipal principal, NotificationCentre centre, CancellationToken cancellationToken) =>
        TypedResults.Ok(await centre.SetPreferencesAsync(AccountsEndpoints.UserId(principal), request, cancellationToken));
}
