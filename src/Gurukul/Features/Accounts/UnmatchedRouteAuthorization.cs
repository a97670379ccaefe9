using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Gurukul.Features.Accounts;

/// <summary>
/// The fallback policy (sign-in required unless an endpoint says otherwise) also applies to requests that match no
/// endpoint, which would turn an unknown URL into 401 or a sign-in redirect. There is nothing to protect there: such
/// requests go on to their 404, or to the 405 that routing answers for a known path with the wrong method.
/// </summary>
internal sealed class UnmatchedRouteAuthorization : IAuthorizationMiddlewareResultHandler
{
    // The display name routing gives the endpoint it creates for a path whose methods do not match.
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var endpoint = context.GetEndpoint();
        var nothingToProtect = endpoint is null || endpoint.DisplayName == MethodNotAllowedEndpoint;
        return nothingToProtect && !authorizeResult.Succeeded
            ? next(context)
            : _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
