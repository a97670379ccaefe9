using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Gurukul.Tests.Platform;

/// <summary>
/// Gurukul run as an operator runs it (its own process, Kestrel, Production) behind a TLS-terminating proxy on the same
/// machine: plain HTTP from loopback carrying X-Forwarded-Proto and X-Forwarded-For (issue 16, ADR 0017). One app for the
/// class; each test speaks for clients of its own (their own X-Forwarded-For), so the rate limit of three per client is theirs.
/// </summary>
public sealed partial class BehindAProxyTests(BehindAProxyTests.ProductionApp production) : IClassFixture<BehindAProxyTests.ProductionApp>
{
    private const string PublicBaseUrl = "https://gurukul.example.org";

    [Fact]
    public async Task SignIn_ThroughAProxyThatTerminatedTls_ShowsTheFormAndSignsIn_WithSecureCookies()
    {
        var client = new ProxiedClient(production.App.Address, "198.51.100.10");
        var email = ApiClient.NewEmail();
        (await client.SendAsync(HttpMethod.Post, "/api/v1/auth/register",
            JsonContent.Create(new { email, password = ApiClient.Password, name = "Asha Rao", role = "student", dateOfBirth = "2000-01-15" }))).EnsureSuccessStatusCode();

        using var form = await client.SendAsync(HttpMethod.Get, "/account/sign-in");
        var html = await form.Content.ReadAsStringAsync();
        Assert.True(form.StatusCode == HttpStatusCode.OK, $"sign-in page answered {(int)form.StatusCode}");
        using var signedIn = await client.SendAsync(HttpMethod.Post, "/account/sign-in", new FormUrlEncodedContent(
            [.. HiddenFields(html), new("Input.Email", email), new("Input.Password", ApiClient.Password)]));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.EndsWith("/account", signedIn.Headers.Location?.ToString(), StringComparison.Ordinal);
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("gurukul.session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        using var account = await client.SendAsync(HttpMethod.Get, "/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains(email, await account.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_OverPlainHttpWithNoProxyInFront_IsSentToHttps_WhileTheApiAndProbesStillAnswer()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = production.App.Address };

        using var page = await http.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        using var api = await http.GetAsync(new Uri("/api/v1/languages", UriKind.Relative));
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var contract = await http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, page.StatusCode);
        Assert.Equal("https://127.0.0.1/account/sign-in", page.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, contract.StatusCode);
    }

    [Fact]
    public async Task RateLimit_BehindAProxy_CountsEachClientAddressOnItsOwn()
    {
        var first = new ProxiedClient(production.App.Address, "203.0.113.7");
        var second = new ProxiedClient(production.App.Address, "203.0.113.8");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ProductionApp.PermitLimit + 1; i++)
        {
            statuses.Add((await first.SendAsync(HttpMethod.Post, "/api/v1/auth/password/forgot", JsonContent.Create(new { email = ApiClient.NewEmail() }))).StatusCode);
        }

        var other = await second.SendAsync(HttpMethod.Post, "/api/v1/auth/password/forgot", JsonContent.Create(new { email = ApiClient.NewEmail() }));

        Assert.All(statuses.Take(ProductionApp.PermitLimit), status => Assert.Equal(HttpStatusCode.Accepted, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Fact]
    public async Task ResetLink_WithAForgedHost_PointsAtThePublicBaseUrl()
    {
        var client = new ProxiedClient(production.App.Address, "198.51.100.11");
        var email = ApiClient.NewEmail();
        (await client.SendAsync(HttpMethod.Post, "/api/v1/auth/register",
            JsonContent.Create(new { email, password = ApiClient.Password, name = "Asha Rao", role = "mentor", dateOfBirth = "1990-01-15" }))).EnsureSuccessStatusCode();

        using var forged = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/password/forgot", JsonContent.Create(new { email }), host: "attacker.example");

        Assert.Equal(HttpStatusCode.Accepted, forged.StatusCode);
        var body = await production.ResetMailBodyAsync(email);
        Assert.Contains(PublicBaseUrl + "/account/reset-password?token=", body, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_DoNotNameTheServerSoftware()
    {
        using var http = new HttpClient { BaseAddress = production.App.Address };

        using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Server));
    }

    [Fact]
    public async Task ApiReference_IsOffInProductionByDefault_ButTheDocumentStaysForClients()
    {
        var client = new ProxiedClient(production.App.Address, "198.51.100.12");

        using var reference = await client.SendAsync(HttpMethod.Get, "/api-docs/index.html");
        using var document = await client.SendAsync(HttpMethod.Get, "/openapi/v1.json");

        Assert.Equal(HttpStatusCode.NotFound, reference.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [Fact]
    public async Task OverlongAddress_IsAnswered414WithProblemDetails_NotKestrelsEmptyAnswer()
    {
        using var http = new HttpClient { BaseAddress = production.App.Address };

        using var response = await http.GetAsync(new Uri("/api/v1/mentors?q=" + new string('a', 9000), UriKind.Relative));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(414, problem.GetProperty("status").GetInt32());
        Assert.Equal("The address is too long.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Production_WithoutAPublicBaseUrl_RefusesToStart_AndSaysWhichSettingIsMissing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Sqlite"] = database.ConnectionString,
            ["Gurukul__PublicBaseUrl"] = "",
        }));

        Assert.Contains("Gurukul:PublicBaseUrl must be set in Production", refusal.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<KeyValuePair<string, string>> HiddenFields(string html) =>
        HiddenInput().Matches(html).Select(input => new KeyValuePair<string, string>(
            WebUtility.HtmlDecode(Attribute(input.Value, "name")), WebUtility.HtmlDecode(Attribute(input.Value, "value"))));

    private static string Attribute(string tag, string name) => Regex.Match(tag, $"{name}=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    /// <summary>
    /// What a proxy on this machine sends on behalf of one client: the client's address and "it came over HTTPS", over plain
    /// HTTP from loopback. Cookies are carried by hand: they are Secure, and an HTTP client keeps those for HTTPS only.
    /// </summary>
    private sealed class ProxiedClient(Uri app, string clientAddress)
    {
        private static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        private readonly Dictionary<string, string> _cookies = [];

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? host = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(app, path)) { Content = content };
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", clientAddress);
            if (host is not null)
            {
                request.Headers.Host = host;
            }

            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await Http.SendAsync(request);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                var pair = cookie.Split(';')[0].Split('=', 2);
                _cookies[pair[0]] = pair[1];
            }

            return response;
        }
    }

    /// <summary>The app in Production on a fresh SQLite file, with a public base URL and a rate limit of three per client.</summary>
    public sealed class ProductionApp : IAsyncLifetime
    {
        public const int PermitLimit = 3;

        private TestDatabase _database = null!;

        public AppProcess App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
            App = await AppProcess.StartAsync(new Dictionary<string, string>
            {
                ["ConnectionStrings__Sqlite"] = _database.ConnectionString,
                ["Gurukul__PublicBaseUrl"] = PublicBaseUrl,
                ["RateLimits__Auth__PermitLimit"] = PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        /// <summary>The text of the password-reset mail to <paramref name="email"/>, read from the outbox table.</summary>
        public async Task<string> ResetMailBodyAsync(string email)
        {
            await using var connection = new SqliteConnection(_database.ConnectionString);
            await connection.OpenAsync();
            await using var query = connection.CreateCommand();
            query.CommandText = "SELECT text_body FROM outbox_mails WHERE to_address = $to AND kind = 'account.password_reset'";
            query.Parameters.AddWithValue("$to", email);
            return (string?)await query.ExecuteScalarAsync() ?? throw new InvalidOperationException($"no reset mail to {email}");
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await _database.DisposeAsync();
        }
    }
}
