using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Gurukul.Features.Accounts;

public static class IdentitySetup
{
    public static IServiceCollection AddGurukulIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "gurukul.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/account/sign-in";
            cookie.AccessDeniedPath = "/error/403";
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
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GurukulDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // PBKDF2-HMAC-SHA512 at the OWASP 2023 recommendation.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);

        services.AddAuthorization(options =>
        {
            // Nothing is public by accident: an endpoint without its own declaration requires a signed-in user.
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, UnmatchedRouteAuthorization>();
        services.AddScoped<AdminBootstrap>();
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
