using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Accounts;

public sealed class SignInTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Login_WithRightPassword_ReturnsTokens(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var email = ApiClient.NewEmail();
        await client.RegisterAsync(email);

        var body = await (await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(email, body.GetProperty("user").GetProperty("email").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refreshToken").GetString()));
    }

    [Fact]
    public async Task Login_UnknownEmailAndWrongPassword_GiveTheSameAnswer()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var email = ApiClient.NewEmail();
        await client.RegisterAsync(email);

        var wrongPassword = await (await client.PostAsync("/api/v1/auth/login", new { email, password = "not-the-password" })).JsonAsync(HttpStatusCode.Unauthorized);
        var unknownEmail = await (await client.PostAsync("/api/v1/auth/login", new { email = ApiClient.NewEmail(), password = "not-the-password" })).JsonAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(wrongPassword.GetProperty("title").GetString(), unknownEmail.GetProperty("title").GetString());
        Assert.Equal(wrongPassword.GetProperty("detail").GetString(), unknownEmail.GetProperty("detail").GetString());
    }

    [Theory, AllProviders]
    public async Task Login_AfterFiveWrongPasswords_IsLockedOutWith429AndRetryAfter(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var email = ApiClient.NewEmail();
        await client.RegisterAsync(email);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await (await client.PostAsync("/api/v1/auth/login", new { email, password = "wrong-password-" + attempt })).JsonAsync(HttpStatusCode.Unauthorized);
        }

        var fifth = await client.PostAsync("/api/v1/auth/login", new { email, password = "wrong-password-5" });
        var withRightPassword = await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password });

        await fifth.JsonAsync(HttpStatusCode.TooManyRequests);
        await withRightPassword.JsonAsync(HttpStatusCode.TooManyRequests);
        Assert.True(withRightPassword.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task AuthEndpoints_TooManyRequestsFromOneClient_Answer429WithRetryAfter()
    {
        await using var app = await GurukulApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimits:Auth:PermitLimit"] = "3" });
        var client = app.CreateClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add(await client.PostAsync("/api/v1/auth/password/forgot", new { email = ApiClient.NewEmail() }));
        }

        Assert.All(responses.Take(3), r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        await responses[3].JsonAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(responses[3].Headers.RetryAfter?.Delta);
    }

    [Theory, AllProviders]
    public async Task Logout_MakesTheTokenStopWorking(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());

        await (await client.PostAsync("/api/v1/auth/logout", new { }, token)).JsonAsync(HttpStatusCode.NoContent);

        await (await client.GetAsync("/api/v1/me", token)).JsonAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_WithoutToken_Returns401Problem()
    {
        var response = await (await fixture.For(DatabaseProvider.Sqlite)).CreateClient().GetAsync(new Uri("/api/v1/me", UriKind.Relative));

        await response.JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory, AllProviders]
    public async Task Refresh_IssuesNewTokens_AndTheOldAccessTokenStopsWorking(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var (_, body) = await client.RegisterAsync(ApiClient.NewEmail());

        var renewed = await (await client.PostAsync("/api/v1/auth/refresh", new { refreshToken = body.GetProperty("refreshToken").GetString() })).JsonAsync(HttpStatusCode.OK);

        await (await client.GetAsync("/api/v1/me", renewed.GetProperty("accessToken").GetString()!)).JsonAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/me", body.GetProperty("accessToken").GetString()!)).JsonAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllProviders]
    public async Task Refresh_WithARefreshTokenAlreadyExchanged_EndsTheWholeSession_ButNotTheUsersOthers(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var email = ApiClient.NewEmail();
        var (_, body) = await client.RegisterAsync(email);
        var stolen = body.GetProperty("refreshToken").GetString();
        var other = (await (await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password })).JsonAsync(HttpStatusCode.OK))
            .GetProperty("accessToken").GetString()!;
        var renewed = await (await client.PostAsync("/api/v1/auth/refresh", new { refreshToken = stolen })).JsonAsync(HttpStatusCode.OK);

        var replayed = await client.PostAsync("/api/v1/auth/refresh", new { refreshToken = stolen });

        await replayed.JsonAsync(HttpStatusCode.Unauthorized);
        // RFC 6819 §5.2.2.3: the server cannot tell the thief from the owner, so every token of that session dies.
        await (await client.GetAsync("/api/v1/me", renewed.GetProperty("accessToken").GetString()!)).JsonAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsync("/api/v1/auth/refresh", new { refreshToken = renewed.GetProperty("refreshToken").GetString() })).JsonAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/api/v1/me", other)).JsonAsync(HttpStatusCode.OK);
    }

    [Theory, AllProviders]
    public async Task Refresh_TheSameTokenTwiceAtOnce_IssuesOnePairAtMost_AndEndsTheSession(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var (_, body) = await client.RegisterAsync(ApiClient.NewEmail());
        var refresh = body.GetProperty("refreshToken").GetString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => client.PostAsync("/api/v1/auth/refresh", new { refreshToken = refresh })));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized], answers.Select(a => a.StatusCode).Order());
        var issued = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).JsonAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/me", issued.GetProperty("accessToken").GetString()!)).JsonAsync(HttpStatusCode.Unauthorized);
    }

    [Theory, AllProviders]
    public async Task TwoFactor_OnceEnabled_SignInNeedsTheCode(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var email = ApiClient.NewEmail();
        var (token, _) = await client.RegisterAsync(email);
        var setup = await (await client.PostAsync("/api/v1/me/two-factor/setup", new { }, token)).JsonAsync(HttpStatusCode.OK);
        var key = setup.GetProperty("sharedKey").GetString()!;

        var enabled = await (await client.PostAsync("/api/v1/me/two-factor/enable", new { code = Totp.Code(key, DateTimeOffset.UtcNow) }, token)).JsonAsync(HttpStatusCode.OK);
        var withoutCode = await (await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password })).JsonAsync(HttpStatusCode.Unauthorized);
        var withWrongCode = await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password, totpCode = "000000" });
        var withCode = await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password, totpCode = Totp.Code(key, DateTimeOffset.UtcNow) });
        var withRecoveryCode = await client.PostAsync("/api/v1/auth/login",
            new { email, password = ApiClient.Password, totpCode = enabled.GetProperty("codes")[0].GetString() });

        Assert.Equal(10, enabled.GetProperty("codes").GetArrayLength());
        Assert.True(withoutCode.GetProperty("twoFactorRequired").GetBoolean());
        await withWrongCode.JsonAsync(HttpStatusCode.Unauthorized);
        await withCode.JsonAsync(HttpStatusCode.OK);
        await withRecoveryCode.JsonAsync(HttpStatusCode.OK);
        // Turning 2FA on changed the security stamp: the session that did it ended, and a new one came back.
        await (await client.GetAsync("/api/v1/me", token)).JsonAsync(HttpStatusCode.Unauthorized);
        Assert.True((await (await client.GetAsync("/api/v1/me", enabled.GetProperty("session").GetProperty("accessToken").GetString()!))
            .JsonAsync(HttpStatusCode.OK)).GetProperty("twoFactorEnabled").GetBoolean());
    }
}
