using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Platform;

/// <summary>
/// Forwarded headers are believed only from the proxies an operator lists (ADR 0017). The test server's requests come from
/// loopback, the default proxy; here the list names another machine, so loopback's X-Forwarded-For must count for nothing.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task ForwardedFor_FromAPeerThatIsNotAListedProxy_IsIgnored_SoItsClientsShareOneBucket()
    {
        await using var app = await GurukulApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = "10.0.0.5, fd00::5",
            ["ForwardedHeaders:KnownNetworks"] = "10.1.0.0/16",
            ["RateLimits:Auth:PermitLimit"] = "2",
        });

        var answers = new List<HttpStatusCode>();
        foreach (var claimed in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Add("X-Forwarded-For", claimed);
            answers.Add((await client.PostAsync("/api/v1/auth/password/forgot", new { email = ApiClient.NewEmail() })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], answers);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.300")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/33")]
    public async Task AMistypedProxy_StopsTheStart_NamingTheSetting(string setting, string value)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GurukulApp(database, new Dictionary<string, string?> { [setting] = value }, ownsDatabase: false);

        var refusal = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(setting, refusal.ToString(), StringComparison.Ordinal);
    }
}
