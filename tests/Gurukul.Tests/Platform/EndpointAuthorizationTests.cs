using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Gurukul.Tests.Platform;

/// <summary>Authorization is declared, never forgotten: every endpoint says who may call it.</summary>
public sealed class EndpointAuthorizationTests(AppFixture fixture, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task EveryEndpoint_DeclaresAPolicyOrAnonymousAccess()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.DisplayName ?? (e as RouteEndpoint)?.RoutePattern.RawText ?? "?")
            .ToList();

        output.WriteLine($"{endpoints.Count} endpoints checked: {endpoints.Count(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)} public, "
            + $"{endpoints.Count(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)} behind a policy");
        Assert.True(endpoints.Count > 10, $"expected the app's endpoints, found {endpoints.Count}");
        Assert.True(undeclared.Count == 0, "Endpoints without [Authorize] or [AllowAnonymous]:\n" + string.Join("\n", undeclared));
    }
}
