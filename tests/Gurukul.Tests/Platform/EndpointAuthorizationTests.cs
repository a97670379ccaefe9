using Gurukul.Features.Accounts;
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

    /// <summary>Who may call what, as declared: "" any signed-in user, a policy name, or null for everyone.</summary>
    public static TheoryData<string, string, string?> DeclaredAccess => new()
    {
        { "GET", "/api/v1/boards", null },
        { "PUT", "/api/v1/me/photo", "" },
        { "DELETE", "/api/v1/me/photo", "" },
        { "GET", "/onboarding", Policies.Student },
        { "POST", "/onboarding/{Slug}", Policies.Student },
        { "GET", "/onboarding/done", Policies.Student },
    };

    [Theory, MemberData(nameof(DeclaredAccess))]
    public async Task Endpoint_DeclaresTheAccessItIsMeantToHave(string method, string route, string? policy)
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText?.TrimEnd('/') == route && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) ?? true));

        var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        if (policy is null)
        {
            Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
        }
        else
        {
            Assert.Null(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
            Assert.NotEmpty(authorize);
            Assert.Equal(policy, string.Join(",", authorize.Select(a => a.Policy).OfType<string>()));
        }
    }
}
