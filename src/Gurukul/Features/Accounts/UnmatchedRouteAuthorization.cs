using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Gurukul.Features.Accounts;

/// <summary>
/// The fallback policy (sign-in required unless an endpoint says otherwise) also applies to requests that match no
/// endpoint, which would turn an unknown URL into 401 or a sign-in redirect. There is nothing to protect there: such
/// requests go on to their 404, or to the 405 (415) that routing answers for a known path with the wrong method (with a
/// body of a media type the endpoint does not read). Without this, an anonymous client posting text/plain to sign-in
/// heard "sign in first" instead of "send JSON".
/// </summary>
internal sealed class UnmatchedRouteAuthorization : IAuthorizationMiddlewareResultHandler
{
    // The display names routing gives the endpoints it creates for a path whose methods, or content types, do not match.
    private static readonly HashSet<string> RoutingRefusals = new(StringComparer.Ordinal)
    {
        "405 HTTP Method Not Supported",
        "415 HTTP Unsupported Media Type",
    };

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var endpoint = context.GetEndpoint();
        var nothingToProtect = endpoint is null || RoutingRefusals.Contains(endpoint.DisplayName ?? "");
        return nothingToProtect && !authorizeResult.Succeeded
            ? next(context)
            : _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
