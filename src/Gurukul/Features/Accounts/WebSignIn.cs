using System.Security.Claims;
using Gurukul.Features.Audit;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Identity;

namespace Gurukul.Features.Accounts;

/// <summary>Signs a user into the web UI: a new cookie session whose id the cookie carries.</summary>
public sealed class WebSignIn(AccountsService accounts, SignInManager<User> signIn)
{
    public async Task SignInAsync(User user, HttpContext http, CancellationToken cancellationToken)
    {
        var session = await accounts.StartCookieSessionAsync(user, ClientInfo.From(http), cancellationToken);
        await signIn.SignInWithClaimsAsync(user, isPersistent: true, [new Claim(SessionValidator.SessionIdClaim, session.Id.ToString())]);
    }

    /// <summary>Only local paths, so a crafted sign-in link cannot send people elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) => LocalUrls.OrFallback(returnUrl, "/account");
}
