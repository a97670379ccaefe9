using System.Security.Claims;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Accounts;

/// <summary>Named authorization policies. Staff policies also require two-factor sign-in to be enabled.</summary>
public static class Policies
{
    public const string Student = "student";
    public const string Mentor = "mentor";
    public const string Admin = "admin";

    /// <summary>Admin or support: verification queue, moderation, user support.</summary>
    public const string Staff = "staff";

    public const string TwoFactorClaim = "gurukul:2fa";

    /// <summary>Rate-limiter policy for every authentication endpoint (per client address).</summary>
    public const string AuthRateLimit = "auth";
}

public static class IdentitySetup
{
    private const string SmartScheme = "gurukul";

    public static IServiceCollection AddGurukulIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Secure cookies everywhere but a developer's own http://localhost.
        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SmartScheme;
                options.DefaultChallengeScheme = SmartScheme;
            })
            // API clients send a bearer token; browsers carry the session cookie.
            .AddPolicyScheme(SmartScheme, SmartScheme, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerSessionHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerSessionHandler>(BearerSessionHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "gurukul.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = secure;
            cookie.ExpireTimeSpan = Session.CookieLifetime.ToTimeSpan();
            cookie.SlidingExpiration = false;
            cookie.LoginPath = "/account/sign-in";
            cookie.AccessDeniedPath = "/error/403";
            cookie.Events.OnValidatePrincipal = CookieSessionValidation.ValidatePrincipalAsync;
            // API clients get a status code (turned into problem details), never a redirect to a sign-in page.
            cookie.Events.OnRedirectToLogin = context => RejectApiOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RejectApiOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<User>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Tokens.ProviderMap[GuardianConsentTokens.ProviderName] = new TokenProviderDescriptor(typeof(GuardianConsentTokens));
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GurukulDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<GurukulClaimsFactory>()
            .AddPasswordValidator<PasswordRules>()
            .AddDefaultTokenProviders();
        services.AddSingleton<CommonPasswords>();
        services.AddTransient<GuardianConsentTokens>();
        services.Configure<GuardianConsentTokenOptions>(options => options.TokenLifespan = TimeSpan.FromDays(7));
        // Email confirmation and password reset links: one day; a reset also changes the stamp, so each works once.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromDays(1));
        // PBKDF2-HMAC-SHA512 at the OWASP 2023 recommendation, computed a bounded number at a time.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);
        services.Configure<PasswordHashingOptions>(configuration.GetSection("PasswordHashing"));
        services.AddSingleton<PasswordHashingGate>();
        services.AddSingleton<PasswordDecoy>();

        services.AddAuthorizationBuilder()
            // Nothing is public by accident: an endpoint without its own declaration requires a signed-in user.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Student, policy => policy.RequireRole(Roles.Student))
            .AddPolicy(Policies.Mentor, policy => policy.RequireRole(Roles.Mentor))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin).RequireClaim(Policies.TwoFactorClaim, "true"))
            .AddPolicy(Policies.Staff, policy => policy.RequireRole(Roles.Admin, Roles.Support).RequireClaim(Policies.TwoFactorClaim, "true"));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, UnmatchedRouteAuthorization>();

        services.AddAuthRateLimits(configuration);

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "gurukul.antiforgery";
            options.Cookie.SecurePolicy = secure;
        });
        services.AddScoped<SessionValidator>();
        services.AddScoped<AdminBootstrap>();
        services.AddScoped<AccountsService>();
        services.AddScoped<AccountMails>();
        services.AddScoped<WebSignIn>();
        services.AddScoped<UserAdministration>();
        return services;
    }

    private static Task RejectApiOrRedirect(HttpContext context, string redirectUri, int status)
    {
        if (ApiRequests.IsApi(context.Request))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The signed-in principal: Identity builds it here at sign-in, and <see cref="SessionValidator"/> rebuilds it on every
/// request through <see cref="Create"/> with the roles it reads along with the session. One query for the role names:
/// Identity's own factory also reads user claims and, per role, the role and its claims, none of which Gurukul uses.
/// Adds whether two-factor sign-in is on, which staff policies require.
/// </summary>
internal sealed class GurukulClaimsFactory(GurukulDbContext db, IOptions<IdentityOptions> options) : IUserClaimsPrincipalFactory<User>
{
    public async Task<ClaimsPrincipal> CreateAsync(User user)
    {
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync();
        return Create(user, roles, options.Value.ClaimsIdentity);
    }

    /// <summary>The principal of a user whose roles are already known (<see cref="SessionValidator"/> reads them with the session).</summary>
    public static ClaimsPrincipal Create(User user, IEnumerable<string> roles, ClaimsIdentityOptions types)
    {
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, types.UserNameClaimType, types.RoleClaimType);
        identity.AddClaim(new Claim(types.UserIdClaimType, user.Id));
        identity.AddClaim(new Claim(types.UserNameClaimType, user.UserName ?? user.Id));
        if (user.Email is not null)
        {
            identity.AddClaim(new Claim(types.EmailClaimType, user.Email));
        }

        identity.AddClaim(new Claim(types.SecurityStampClaimType, user.SecurityStamp ?? ""));
        identity.AddClaims(roles.Select(role => new Claim(types.RoleClaimType, role)));
        identity.AddClaim(new Claim(Policies.TwoFactorClaim, user.TwoFactorEnabled ? "true" : "false"));
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.Name));
        return new ClaimsPrincipal(identity);
    }
}

/// <summary>Guardian consent links last a week (a parent may not read email daily); other links last a day.</summary>
public sealed class GuardianConsentTokens(
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, IOptions<GuardianConsentTokenOptions> options, ILogger<DataProtectorTokenProvider<User>> logger)
    : DataProtectorTokenProvider<User>(protection, options, logger)
{
    public const string ProviderName = "GuardianConsent";
    public const string Purpose = "guardian-consent";
}

public sealed class GuardianConsentTokenOptions : DataProtectionTokenProviderOptions
{
    public GuardianConsentTokenOptions() => Name = GuardianConsentTokens.ProviderName;
}
