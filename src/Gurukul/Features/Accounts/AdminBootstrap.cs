using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Gurukul.Features.Accounts;

/// <summary>
/// Makes sure someone can administer a new installation. With <c>GURUKUL_ADMIN_EMAIL</c> and
/// <c>GURUKUL_ADMIN_PASSWORD</c> that admin is created if absent and never changed if present. Without them, a
/// database with no admin gets <c>admin@gurukul.local</c> with a random password, shown once.
/// </summary>
public sealed class AdminBootstrap(UserManager<User> users, RoleManager<IdentityRole> roles, IConfiguration configuration, IClock clock)
{
    public const string DefaultAdminEmail = "admin@gurukul.local";

    public async Task<AdminCredentials?> EnsureAdminAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        var email = configuration["GURUKUL_ADMIN_EMAIL"];
        var password = configuration["GURUKUL_ADMIN_PASSWORD"];
        if (!string.IsNullOrWhiteSpace(email))
        {
            if (string.IsNullOrEmpty(password))
            {
                throw new InvalidOperationException("GURUKUL_ADMIN_EMAIL is set but GURUKUL_ADMIN_PASSWORD is not: set both, or neither.");
            }

            return await users.FindByEmailAsync(email) is null
                ? await CreateAsync(email.Trim(), password, passwordWasGenerated: false)
                : null;
        }

        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return null;
        }

        return await users.FindByEmailAsync(DefaultAdminEmail) is not null
            ? null
            : await CreateAsync(DefaultAdminEmail, GeneratePassword(), passwordWasGenerated: true);
    }

    private async Task<AdminCredentials> CreateAsync(string email, string password, bool passwordWasGenerated)
    {
        var admin = new User
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            Name = "Administrator",
            CreatedAt = clock.GetCurrentInstant(),
        };
        Check(await users.CreateAsync(admin, password), "create the admin account");
        Check(await users.AddToRoleAsync(admin, Roles.Admin), "grant the admin role");
        return new AdminCredentials(email, passwordWasGenerated ? password : null);
    }

    private static string GeneratePassword()
    {
        // 20 characters from an alphabet without look-alikes (0/O, 1/l/I): ~115 bits.
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>The admin created on this start; <see cref="GeneratedPassword"/> is set only when Gurukul chose it.</summary>
public sealed record AdminCredentials(string Email, string? GeneratedPassword);
