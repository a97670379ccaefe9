using System.Globalization;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Gurukul.Platform.Localization;

public static class LocalizationSetup
{
    public static IServiceCollection AddGurukulLocalization(this IServiceCollection services)
    {
        var catalog = new JsonStringCatalog();
        services.AddSingleton(catalog);
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = catalog.Cultures.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(JsonStringCatalog.DefaultCulture);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // An explicit choice (cookie) beats the browser's Accept-Language; ?culture= serves shared links and ?lang= API
            // clients that cannot set headers (ADR 0022).
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary><c>GET /language/{culture}?returnUrl=/path</c>: remembers the choice in a cookie and goes back. Works without JavaScript.</summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext http, JsonStringCatalog catalog) =>
        {
            if (catalog.Cultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture.ToLowerInvariant())),
                    new CookieOptions
                    {
                        Expires = DateTimeOffset.UtcNow.AddYears(1),
                        HttpOnly = true,
                        IsEssential = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = http.Request.IsHttps,
                    });
            }

            return Results.LocalRedirect(LocalUrls.OrFallback(returnUrl, "/"));
        })
        .AllowAnonymous()
        .ExcludeFromDescription();
        return app;
    }
}
