using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Gurukul.Platform.Web;

/// <summary>Endpoints the framework maps for us (static assets, Razor component plumbing), declared like our own.</summary>
public static class FrameworkEndpoints
{
    /// <summary>
    /// Fingerprinted, precompressed, immutable-cached CSS and JS from the build manifest, public to everyone.
    /// appsettings.json sets <c>ReloadStaticAssetsAtRuntime=false</c>: the assets are rebuilt by every build, and
    /// when run from a build (not a publish) the framework's runtime-reload mode would otherwise drop the caching
    /// headers and map a GET-only <c>{**path:file}</c> fallback that turned every unmatched POST into 405 instead
    /// of 404 (dotnet/aspnetcore#59964).
    /// </summary>
    public static IEndpointRouteBuilder MapGurukulStaticAssets(this IEndpointRouteBuilder app)
    {
        app.MapStaticAssets().AllowAnonymous();
        return app;
    }

    /// <summary>Server-rendered pages. Each page declares its own access (<c>[AllowAnonymous]</c> or <c>[Authorize]</c>).</summary>
    public static IEndpointRouteBuilder MapGurukulPages<TRoot>(this IEndpointRouteBuilder app)
    {
        // Only the framework's non-page endpoints (the redirect helper) are made public here.
        app.MapRazorComponents<TRoot>().Add(endpoint =>
        {
            if (!endpoint.Metadata.OfType<ComponentTypeMetadata>().Any())
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return app;
    }
}
