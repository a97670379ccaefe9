using System.Security.Claims;
using Gurukul.Features.Audit;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Accounts;

/// <summary>Admin API over accounts and the audit log. Admin role with two-factor sign-in on.</summary>
public static class UserAdministrationEndpoints
{
    public static IEndpointRouteBuilder MapUserAdministrationApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Administration").RequireAuthorization(Policies.Admin);
        admin.MapGet("/users", ListUsers).WithName("ListUsers").WithSummary("Find users by email or name, optionally by role (newest first, cursor-paged)");
        admin.MapGet("/users/{userId}", GetUser).WithName("GetUser").WithSummary("One user with their recent audit events");
        admin.MapPost("/users/{userId}/roles", GrantRole).WithName("GrantRole").WithSummary("Grant a role: { role }")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapDelete("/users/{userId}/roles/{role}", RevokeRole).WithName("RevokeRole")
            .WithSummary("Revoke a role (409 for an admin's own admin role)").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/users/{userId}/suspension", Suspend).WithName("SuspendUser")
            .WithSummary("Suspend an account with a reason: every session ends at once (409 for the caller's own account)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapDelete("/users/{userId}/suspension", Reinstate).WithName("ReinstateUser").WithSummary("Lift a suspension")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/audit", ListAudit).WithName("ListAuditEvents").WithSummary("The audit log, newest first, filtered by action and/or user");
        return app;
    }

    private static async Task<Ok<ListResponse<UserSummaryDto>>> ListUsers(
        string? q, string? role, int? limit, string? cursor, UserAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListUsersAsync(q, role, limit, cursor, cancellationToken));

    private static async Task<Ok<UserDetailDto>> GetUser(string userId, UserAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.GetUserAsync(userId, cancellationToken));

    private static async Task<Ok<UserSummaryDto>> GrantRole(
        string userId, RoleRequest request, ClaimsPrincipal principal, UserAdministration admin, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.GrantRoleAsync(AccountsEndpoints.UserId(principal), userId, request, ClientInfo.From(http), cancellationToken));

    private static async Task<Ok<UserSummaryDto>> RevokeRole(
        string userId, string role, ClaimsPrincipal principal, UserAdministration admin, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.RevokeRoleAsync(AccountsEndpoints.UserId(principal), userId, new RoleRequest(role), ClientInfo.From(http), cancellationToken));

    private static async Task<Ok<UserSummaryDto>> Suspend(
        string userId, SuspendRequest request, ClaimsPrincipal principal, UserAdministration admin, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.SuspendAsync(AccountsEndpoints.UserId(principal), userId, request, ClientInfo.From(http), cancellationToken));

    private static async Task<Ok<UserSummaryDto>> Reinstate(
        string userId, ClaimsPrincipal principal, UserAdministration admin, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ReinstateAsync(AccountsEndpoints.UserId(principal), userId, ClientInfo.From(http), cancellationToken));

    private static async Task<Ok<ListResponse<AuditEventDto>>> ListAudit(
        string? action, string? userId, int? limit, string? cursor, UserAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListAuditAsync(action, userId, limit, cursor, cancellationToken));
}
