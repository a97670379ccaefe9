using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Accounts;

/// <summary>
/// The account forms are rate limited like their API twins, in the same bucket per client address (issue 16): here three
/// per client, each test a client of its own (X-Forwarded-For from the loopback "proxy" the test server stands for).
/// </summary>
public sealed class FormRateLimitTests : IAsyncLifetime
{
    private GurukulApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await GurukulApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimits:Auth:PermitLimit"] = "3" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/account/sign-in", "203.0.113.21")]
    [InlineData("/account/sign-up", "203.0.113.22")]
    [InlineData("/account/forgot-password", "203.0.113.23")]
    [InlineData("/account/reset-password?token=whatever", "203.0.113.24")]
    public async Task Form_PostedMoreThanTheLimit_Answers429WithRetryAfter_WhileShowingItStaysFree(string path, string client)
    {
        using var browser = Browser(client);
        var fields = new KeyValuePair<string, string>[]
        {
            new("Input.Email", ApiClient.NewEmail()), new("Input.Password", "not-the-password"), new("Input.NewPassword", "short"),
        };

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            // Each post first opens the page, as a browser does: those views are not counted.
            answers.Add(await browser.PostFormAsync(path, fields));
        }

        Assert.All(answers.Take(3), a => Assert.NotEqual(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.NotNull(answers[3].Headers.RetryAfter?.Delta);
        Assert.Contains("Too many attempts", await answers[3].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task SignInForm_AndTheLoginApi_ShareOneBucketPerClient_AndAnotherClientHasItsOwn()
    {
        using var browser = Browser("203.0.113.31");
        for (var i = 0; i < 3; i++)
        {
            await browser.PostFormAsync("/account/sign-in", [new("Input.Email", ApiClient.NewEmail()), new("Input.Password", "not-the-password")]);
        }

        var api = await Api("203.0.113.31").PostAsync("/api/v1/auth/login", new { email = ApiClient.NewEmail(), password = "not-the-password" });
        var someoneElse = await Api("203.0.113.32").PostAsync("/api/v1/auth/login", new { email = ApiClient.NewEmail(), password = "not-the-password" });

        await api.JsonAsync(HttpStatusCode.TooManyRequests);
        await someoneElse.JsonAsync(HttpStatusCode.Unauthorized);
    }

    private PageClient Browser(string clientAddress)
    {
        var browser = PageClient.Anonymous(_app);
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return browser;
    }

    private HttpClient Api(string clientAddress)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return client;
    }
}
