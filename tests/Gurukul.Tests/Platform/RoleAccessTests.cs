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
        { "GET", "/api/v1/admin/reference/languages/te" },
        { "POST", "/api/v1/admin/reference/languages" },
        { "PUT", "/api/v1/admin/reference/languages/te" },
        { "DELETE", "/api/v1/admin/reference/languages/te" },
        { "GET", "/api/v1/admin/reference/subject-categories/law" },
        { "POST", "/api/v1/admin/reference/subject-categories" },
        { "PUT", "/api/v1/admin/reference/subject-categories/law" },
        { "DELETE", "/api/v1/admin/reference/subject-categories/law" },
        { "GET", "/api/v1/admin/reference/subjects/jee-main" },
        { "POST", "/api/v1/admin/reference/subjects" },
        { "PUT", "/api/v1/admin/reference/subjects/jee-main" },
        { "DELETE", "/api/v1/admin/reference/subjects/jee-main" },
        { "GET", "/api/v1/admin/reference/boards/cbse" },
        { "POST", "/api/v1/admin/reference/boards" },
        { "PUT", "/api/v1/admin/reference/boards/cbse" },
        { "DELETE", "/api/v1/admin/reference/boards/cbse" },
    };

    public static TheoryData<string, string> MentorEndpoints => new()
    {
        { "PUT", "/api/v1/me/mentor-profile/slug" },
    };

    public static TheoryData<string, string> StudentEndpoints => new()
    {
        { "GET", "/api/v1/recommendations/mentors" },
        { "POST", "/api/v1/me/mentor-preferences/some-id" },
        { "GET", "/api/v1/me/mentor-preferences" },
    };

    [Theory, MemberData(nameof(AdminEndpoints))]
    public Task AdminEndpoint_RejectsAnonymousWith401_AndOtherRolesWith403(string method, string path) =>
        RejectsAnonymousAndTheseRolesAsync(method, path, "student", "mentor", "support");

    [Theory, MemberData(nameof(MentorEndpoints))]
    public Task MentorEndpoint_RejectsAnonymousWith401_AndStudentsAndStaffWith403(string method, string path) =>
        RejectsAnonymousAndTheseRolesAsync(method, path, "student", "support");

    // Staff accounts here began as student sign-ups and keep that role, so only a mentor is a signed-in non-student.
    [Theory, MemberData(nameof(StudentEndpoints))]
    public Task StudentEndpoint_RejectsAnonymousWith401_AndMentorsWith403(string method, string path) =>
        RejectsAnonymousAndTheseRolesAsync(method, path, "mentor");

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

    private async Task RejectsAnonymousAndTheseRolesAsync(string method, string path, params string[] roles)
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();

        await (await SendAsync(client, method, path, null)).JsonAsync(HttpStatusCode.Unauthorized);
        foreach (var role in roles)
        {
            var token = role is "admin" or "support"
                ? (await app.StaffTokenAsync(client, role)).AccessToken
                : (await client.RegisterAsync(ApiClient.NewEmail(), role: role)).AccessToken;
            await (await SendAsync(client, method, path, token)).JsonAsync(HttpStatusCode.Forbidden);
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? token)
    {
        // Each endpoint gets a body of a media type it reads: another one is refused by routing (415) before anyone asks who calls.
        HttpContent content = path.EndsWith("/photo", StringComparison.Ordinal) || path.EndsWith("/documents", StringComparison.Ordinal)
            ? new MultipartFormDataContent { { new ByteArrayContent([0x89, 0x50]), "file", "photo.png" } }
            : System.Net.Http.Json.JsonContent.Create(new { role = "admin", reason = "x" });
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return client.SendAsync(request);
    }
}
