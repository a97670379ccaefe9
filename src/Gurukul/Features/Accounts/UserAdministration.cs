using System.Globalization;
using System.Text;
using Gurukul.Features.Audit;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Accounts;

public sealed record UserSummaryDto(string Id, string Email, string Name, IReadOnlyList<string> Roles, string Status, bool EmailConfirmed, bool TwoFactorEnabled, DateTime CreatedAt);

public sealed record AuditEventDto(
    string Id, DateTime At, string Action, string? ActorUserId, string? ActorEmail, string? SubjectUserId, string? SubjectEmail, string? Detail, string? IpAddress);

public sealed record UserDetailDto(UserSummaryDto User, string? DateOfBirth, string? GuardianEmail, IReadOnlyList<AuditEventDto> RecentEvents);

public sealed record RoleRequest(string? Role);

public sealed record SuspendRequest(string? Reason);

/// <summary>What admins do to accounts: find them, grant and revoke roles, suspend and reinstate. Everything is audited.</summary>
public sealed class UserAdministration(
    GurukulDbContext db, UserManager<User> users, AccountsService accounts, AuditLog audit, IClock clock, IStringLocalizer<Strings> text)
{
    public const int MaxPageSize = 100;

    public async Task<ListResponse<UserSummaryDto>> ListUsersAsync(string? query, string? role, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var take = PageSize(limit);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim().ToUpperInvariant();
            // Translated to SQL (UPPER, LIKE); the StringComparison overloads the analyzer suggests do not translate.
#pragma warning disable CA1862
            users = users.Where(u => u.NormalizedEmail!.Contains(q) || u.Name.ToUpper().Contains(q));
#pragma warning restore CA1862
        }

        if (!string.IsNullOrWhiteSpace(role))
        {
            var roleName = role.Trim().ToLowerInvariant();
            var roleId = await db.Roles.Where(r => r.Name == roleName).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw new ValidationException("role", text["validation.role_unknown"]);
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }

        if (cursor is not null)
        {
            var (createdAt, id) = DecodeCursor(cursor);
            // Keyset paging; string.Compare translates to the database's own ordering of the id column.
#pragma warning disable CA1309
            users = users.Where(u => u.CreatedAt < createdAt || (u.CreatedAt == createdAt && string.Compare(u.Id, id) > 0));
#pragma warning restore CA1309
        }

        var page = await users.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id).Take(take + 1).ToListAsync(cancellationToken);
        var items = new List<UserSummaryDto>();
        foreach (var user in page.Take(take))
        {
            items.Add(await SummaryAsync(user));
        }

        return new ListResponse<UserSummaryDto>(items, page.Count > take ? EncodeCursor(page[take - 1]) : null);
    }

    public async Task<UserDetailDto> GetUserAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId);
        var events = await WithEmails(db.Set<AuditEvent>().AsNoTracking().Where(e => e.SubjectUserId == userId).OrderByDescending(e => e.Id).Take(20))
            .ToListAsync(cancellationToken);
        return new UserDetailDto(await SummaryAsync(user), user.DateOfBirth?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), user.GuardianEmail, events);
    }

    public async Task<UserSummaryDto> GrantRoleAsync(string actorId, string userId, RoleRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId);
        var role = KnownRole(request.Role);
        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role));
            audit.Add(AuditActions.RoleGranted, client, actorId, user.Id, role);
            await db.SaveChangesAsync(cancellationToken);
        }

        return await SummaryAsync(user);
    }

    public async Task<UserSummaryDto> RevokeRoleAsync(string actorId, string userId, RoleRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId);
        var role = KnownRole(request.Role);
        if (role == Roles.Admin && user.Id == actorId)
        {
            // Otherwise the last admin could lock everyone out of administration.
            throw new ConflictException(text["admin.cannot_revoke_own_admin"]);
        }

        if (await users.IsInRoleAsync(user, role))
        {
            Check(await users.RemoveFromRoleAsync(user, role));
            audit.Add(AuditActions.RoleRevoked, client, actorId, user.Id, role);
            await db.SaveChangesAsync(cancellationToken);
        }

        return await SummaryAsync(user);
    }

    /// <summary>Suspends the account and ends every session it has, on every device, at once.</summary>
    public async Task<UserSummaryDto> SuspendAsync(string actorId, string userId, SuspendRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId);
        if (user.Id == actorId)
        {
            throw new ConflictException(text["admin.cannot_suspend_self"]);
        }

        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 400)
        {
            throw new ValidationException("reason", text["validation.suspend_reason"]);
        }

        if (user.SuspendedAt is null)
        {
            var now = clock.GetCurrentInstant();
            user.Suspend(now);
            await accounts.EndAllSessionsAsync(user.Id, now, cancellationToken);
            audit.Add(AuditActions.Suspended, client, actorId, user.Id, reason);
            Check(await users.UpdateSecurityStampAsync(user));
        }

        return await SummaryAsync(user);
    }

    public async Task<UserSummaryDto> ReinstateAsync(string actorId, string userId, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId);
        if (user.SuspendedAt is not null)
        {
            user.Reinstate();
            audit.Add(AuditActions.Reinstated, client, actorId, user.Id);
            Check(await users.UpdateAsync(user));
        }

        return await SummaryAsync(user);
    }

    public async Task<ListResponse<AuditEventDto>> ListAuditAsync(string? action, string? userId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var take = PageSize(limit);
        var events = db.Set<AuditEvent>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action))
        {
            events = events.Where(e => e.Action == action.Trim());
        }

        if (!string.IsNullOrWhiteSpace(userId))
        {
            events = events.Where(e => e.SubjectUserId == userId || e.ActorUserId == userId);
        }

        if (cursor is not null)
        {
            // Ids are version-7 GUIDs: their order is their time order.
            var before = Guid.TryParse(cursor, out var id) ? id : throw new ValidationException("cursor", text["validation.cursor"]);
            events = events.Where(e => e.Id.CompareTo(before) < 0);
        }

        var page = await WithEmails(events.OrderByDescending(e => e.Id).Take(take + 1)).ToListAsync(cancellationToken);
        return new ListResponse<AuditEventDto>([.. page.Take(take)], page.Count > take ? page[take - 1].Id : null);
    }

    private async Task<UserSummaryDto> SummaryAsync(User user) => new(
        user.Id, user.Email ?? "", user.Name, [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)],
        SnakeCaseNames.ToSnakeCase(user.Status.ToString()), user.EmailConfirmed, user.TwoFactorEnabled, user.CreatedAt.ToDateTimeUtc());

    /// <summary>Events with the email of who acted and whom it concerned, so the log reads without looking up ids.</summary>
    private IQueryable<AuditEventDto> WithEmails(IQueryable<AuditEvent> events) =>
        from e in events
        join actor in db.Users on e.ActorUserId equals actor.Id into actors
        from actor in actors.DefaultIfEmpty()
        join subject in db.Users on e.SubjectUserId equals subject.Id into subjects
        from subject in subjects.DefaultIfEmpty()
        orderby e.Id descending
        select new AuditEventDto(e.Id.ToString(), e.At.ToDateTimeUtc(), e.Action, e.ActorUserId, actor.Email, e.SubjectUserId, subject.Email, e.Detail, e.IpAddress);

    private string KnownRole(string? role) =>
        role?.Trim().ToLowerInvariant() is { } known && Roles.All.Contains(known) ? known : throw new ValidationException("role", text["validation.role_unknown"]);

    private int PageSize(int? limit) => limit switch
    {
        null => 20,
        >= 1 and <= MaxPageSize => limit.Value,
        _ => throw new ValidationException("limit", text["validation.limit", MaxPageSize]),
    };

    private async Task<User> FindAsync(string userId) => await users.FindByIdAsync(userId) ?? throw new NotFoundException(text["problem.404.title"]);

    private static string EncodeCursor(User last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(last.CreatedAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) + "|" + last.Id));

    private (Instant CreatedAt, string Id) DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('|', 2);
            return (Instant.FromUnixTimeTicks(long.Parse(parts[0], CultureInfo.InvariantCulture)), parts[1]);
        }
        catch (Exception exception) when (exception is FormatException or IndexOutOfRangeException or OverflowException or ArgumentException)
        {
            throw new ValidationException("cursor", text["validation.cursor"]);
        }
    }

    private void Check(IdentityResult result) => IdentityOutcomes.ThrowIfFailed(result, text);
}
