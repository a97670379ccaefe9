using System.Net;
using System.Text;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Platform;

/// <summary>
/// U+0000 in text a client sends is a 400 naming the field, on both databases. PostgreSQL cannot even compare such text:
/// the OpenAPI fuzzer got 500s from sign-in, password reset, the audit filter and reference-data and suspension bodies.
/// </summary>
public sealed class NulCharacterTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task NulInAJsonField_IsA400NamingTheField(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();

        foreach (var (path, body, field) in new[]
        {
            ("/api/v1/auth/password/forgot", """{"email":"nul\u0000inside@example.com"}""", "email"),
            ("/api/v1/auth/login", """{"email":"\u0000","password":"whatever-it-is"}""", "email"),
        })
        {
            var problem = await (await client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json")))
                .JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path}: {problem}");
        }
    }

    [Fact]
    public async Task NulDeepInsideABody_NamesItsPath()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/student-profile")
        {
            Content = new StringContent("""{"academicLevel":"school","school":{"subjects":["school-physics","b\u0000"]}}""", Encoding.UTF8, "application/json"),
            Headers = { Authorization = new("Bearer", token) },
        };

        var problem = await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["school.subjects[1]"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Theory, AllProviders]
    public async Task NulInAQueryValue_IsA400NamingTheParameter(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();

        var problem = await (await client.GetAsync(new Uri("/api/v1/mentors?q=physics%00&sort=rating", UriKind.Relative))).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["q"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }
}
