using Gurukul.Features.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Gurukul.Platform.Mail;

/// <summary>
/// Who may read the dev mailbox: anyone on a developer's own machine (the Development environment), otherwise admins
/// with two-factor sign-in only (as every admin page), because mails hold personal data and sign-in links. An environment cannot be expressed with
/// <c>[Authorize(Roles = …)]</c>, hence this policy.
/// </summary>
public sealed class DevMailboxRequirement : IAuthorizationRequirement
{
    public const string Policy = "DevMailbox";
}

internal sealed class DevMailboxAuthorizationHandler(IHostEnvironment environment) : AuthorizationHandler<DevMailboxRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DevMailboxRequirement requirement)
    {
        if (environment.IsDevelopment() || (context.User.IsInRole(Roles.Admin) && context.User.HasClaim(Policies.TwoFactorClaim, "true")))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
