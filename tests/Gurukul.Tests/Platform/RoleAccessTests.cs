using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Platform;

/// <summary>Each role-restricted endpoint: 401 for anonymous callers, 403 for a signed-in user without the role.</summary>
public sealed class RoleAccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "GET", "/api/v1/admin/users" },
        { "GET", "/api/v1/admin/users/some-id" },
        { "POST", "/api/v1/admin/users/some-id/roles" },
        { "DELETE", "/api/v1/admin/users/some-id/roles/mentor" },
        { "POST", "/api/v1/admin/users/some-id/suspension" },
        { "DELETE", "/api/v1/admin/users/some-id/suspension" },
        { "GET", "/api/v1/admin/audit" },
    };

    [Theory, MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpoint_RejectsAnonymousWith401_AndOtherRolesWith403(string method, string path)
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var (student, _) = await client.RegisterAsync(ApiClient.NewEmail());
        var (mentor, _) = await client.RegisterAsync(ApiClient.NewEmail(), role: "mentor");
        var (support, _) = await app.StaffTokenAsync(client, "support");

        await (await SendAsync(client, method, path, null)).JsonAsync(HttpStatusCode.Unauthorized);
        foreach (var token in new[] { student, mentor, support })
        {
            await (await SendAsync(client, method, path, token)).JsonAsync(HttpStatusCode.Forbidden);
        }
    }

    [Theory]
    [InlineData("GET", "/api/v1/me")]
    [InlineData("POST", "/api/v1/me/password")]
    [InlineData("POST", "/api/v1/me/two-factor/setup")]
    [InlineData("POST", "/api/v1/auth/logout")]
    [InlineData("PUT", "/api/v1/me/photo")]
    [InlineData("DELETE", "/api/v1/me/photo")]
    public async Task SignedInEndpoint_RejectsAnonymousWith401(string method, string path)
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();

        await (await SendAsync(client, method, path, null)).JsonAsync(HttpStatusCode.Unauthorized);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = System.Net.Http.Json.JsonContent.Create(new { role = "admin", reason = "x" }) };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return client.SendAsync(request);
    }
}
