using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Accounts;

public sealed class UserAdministrationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Suspend_EndsEverySessionAtOnce_AndBlocksSignIn_UntilReinstated(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var email = ApiClient.NewEmail();
        var (phone, body) = await client.RegisterAsync(email);
        var laptop = (await (await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password })).JsonAsync(HttpStatusCode.OK))
            .GetProperty("accessToken").GetString()!;
        var userId = body.GetProperty("user").GetProperty("id").GetString()!;

        var suspended = await (await client.PostAsync($"/api/v1/admin/users/{userId}/suspension", new { reason = "Shared exam answers" }, admin)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("suspended", suspended.GetProperty("status").GetString());
        await (await client.GetAsync("/api/v1/me", phone)).JsonAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/api/v1/me", laptop)).JsonAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password })).JsonAsync(HttpStatusCode.Forbidden);

        using var reinstate = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/admin/users/{userId}/suspension");
        reinstate.Headers.Authorization = new("Bearer", admin);
        await (await client.SendAsync(reinstate)).JsonAsync(HttpStatusCode.OK);
        await (await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password })).JsonAsync(HttpStatusCode.OK);

        var audit = await (await client.GetAsync($"/api/v1/admin/audit?userId={userId}&action=account.suspended", admin)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Shared exam answers", Assert.Single(audit.GetProperty("items").EnumerateArray()).GetProperty("detail").GetString());
    }

    [Theory, AllProviders]
    public async Task GrantedRole_TakesEffectOnTheUsersNextRequest_AndRevokingItToo(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var (mentor, mentorId) = await app.StaffTokenAsync(client, "mentor");

        await (await client.GetAsync("/api/v1/admin/users", mentor)).JsonAsync(HttpStatusCode.Forbidden);
        var granted = await (await client.PostAsync($"/api/v1/admin/users/{mentorId}/roles", new { role = "admin" }, admin)).JsonAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/admin/users", mentor)).JsonAsync(HttpStatusCode.OK);
        using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/admin/users/{mentorId}/roles/admin");
        revoke.Headers.Authorization = new("Bearer", admin);
        await (await client.SendAsync(revoke)).JsonAsync(HttpStatusCode.OK);

        Assert.Contains("admin", granted.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await (await client.GetAsync("/api/v1/admin/users", mentor)).JsonAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Admin_CannotSuspendThemselves_OrDropTheirOwnAdminRole()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var (admin, adminId) = await app.StaffTokenAsync(client);

        var suspend = await client.PostAsync($"/api/v1/admin/users/{adminId}/suspension", new { reason = "oops" }, admin);
        using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/admin/users/{adminId}/roles/admin");
        revoke.Headers.Authorization = new("Bearer", admin);

        await suspend.JsonAsync(HttpStatusCode.Conflict);
        await (await client.SendAsync(revoke)).JsonAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AdminWithoutTwoFactor_IsRefused()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var email = ApiClient.NewEmail("admin");
        var (token, body) = await client.RegisterAsync(email);
        var (admin, _) = await app.StaffTokenAsync(client);
        await (await client.PostAsync($"/api/v1/admin/users/{body.GetProperty("user").GetProperty("id").GetString()}/roles", new { role = "admin" }, admin))
            .JsonAsync(HttpStatusCode.OK);

        await (await client.GetAsync("/api/v1/admin/users", token)).JsonAsync(HttpStatusCode.Forbidden);
    }

    [Theory, AllProviders]
    public async Task ListUsers_PagesWithACursor_AndFindsByEmail(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await client.RegisterAsync($"paged{i}.{tag}@example.com");
        }

        var first = await (await client.GetAsync($"/api/v1/admin/users?q={tag}&limit=2", admin)).JsonAsync(HttpStatusCode.OK);
        var second = await (await client.GetAsync($"/api/v1/admin/users?q={tag}&limit=2&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}", admin))
            .JsonAsync(HttpStatusCode.OK);
        var badLimit = await client.GetAsync("/api/v1/admin/users?limit=500", admin);

        var emails = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(u => u.GetProperty("email").GetString()).ToList();
        Assert.Equal(3, emails.Distinct().Count());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.True((await badLimit.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("limit", out _));
    }
}
