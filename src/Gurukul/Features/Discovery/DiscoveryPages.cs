using Gurukul.Features.Discovery.Pages;
using Gurukul.Features.Mentors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Discovery;

/// <summary>htmx fragments of the discovery pages.</summary>
public static class DiscoveryPages
{
    public static IEndpointRouteBuilder MapDiscoveryFragments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/mentors/more", async (int? page, MentorsService mentors, CancellationToken cancellationToken) =>
            new RazorComponentResult<MentorList>(new { Page = await mentors.ListAsync(page ?? 1, MentorList.PageSize, cancellationToken) }))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
