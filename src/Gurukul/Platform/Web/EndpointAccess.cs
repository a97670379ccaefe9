using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Gurukul.Platform.Web;

/// <summary>
/// Who may call an endpoint, read from its authorization metadata the way the authorization middleware reads it: public
/// when it allows anonymous callers; otherwise sign-in is needed (its policies, or the fallback policy when it declares
/// none), and a signed-in caller can still be refused when a policy asks for more than being signed in (a role, a claim).
/// </summary>
public sealed record EndpointAccess(bool SignInRequired, bool CanForbid)
{
    public static EndpointAccess Of(IReadOnlyList<object> metadata, AuthorizationOptions options)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return new EndpointAccess(SignInRequired: false, CanForbid: false);
        }

        var declared = metadata.OfType<IAuthorizeData>().ToList();
        if (declared.Count == 0 && !metadata.OfType<AuthorizationPolicy>().Any() && options.FallbackPolicy is null)
        {
            return new EndpointAccess(SignInRequired: false, CanForbid: false);
        }

        var requirements = declared.SelectMany(data => PolicyOf(data, options)?.Requirements ?? [])
            .Concat(metadata.OfType<AuthorizationPolicy>().SelectMany(policy => policy.Requirements))
            .Concat(metadata.OfType<IAuthorizationRequirementData>().SelectMany(data => data.GetRequirements()))
            .Concat(declared.Count == 0 ? options.FallbackPolicy?.Requirements ?? [] : []);
        var rolesNamed = declared.Any(data => !string.IsNullOrEmpty(data.Roles));
        return new EndpointAccess(SignInRequired: true, CanForbid: rolesNamed || requirements.Any(r => r is not DenyAnonymousAuthorizationRequirement));
    }

    private static AuthorizationPolicy? PolicyOf(IAuthorizeData data, AuthorizationOptions options) =>
        string.IsNullOrEmpty(data.Policy) ? options.DefaultPolicy : options.GetPolicy(data.Policy);
}
