using System.Security.Claims;
using Gurukul.Features.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Gurukul.Features.Accounts;

/// <summary>Non-page endpoints of the account UI.</summary>
public static class AccountPages
{
    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        // A form post (antiforgery-checked), never a link: a crawler or an image tag must not sign anyone out.
        app.MapPost("/account/sign-out", async ([FromForm] string? returnUrl, ClaimsPrincipal principal, AccountsService accounts, HttpContext http) =>
            {
                if (Guid.TryParse(principal.FindFirstValue(SessionValidator.SessionIdClaim), out var sessionId))
                {
                    await accounts.SignOutAsync(sessionId, AccountsEndpoints.UserId(principal), ClientInfo.From(http), http.RequestAborted);
                }

                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                return Results.LocalRedirect("/");
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }
}
