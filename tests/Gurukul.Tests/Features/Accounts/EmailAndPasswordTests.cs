using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Accounts;

public sealed class EmailAndPasswordTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task ConfirmEmail_WithTheMailedToken_ConfirmsTheAddress(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var email = ApiClient.NewEmail();
        var (token, _) = await client.RegisterAsync(email);

        await (await client.PostAsync("/api/v1/auth/email/confirm", new { token = await app.MailedTokenAsync(email, "account.confirm_email") }))
            .JsonAsync(HttpStatusCode.NoContent);

        Assert.True((await (await client.GetAsync("/api/v1/me", token)).JsonAsync(HttpStatusCode.OK)).GetProperty("emailConfirmed").GetBoolean());
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("dXNlcnxub3QtYS10b2tlbg")]
    public async Task ConfirmEmail_WithABadToken_Returns400NamingTheToken(string badToken)
    {
        var response = await (await fixture.For(DatabaseProvider.Sqlite)).CreateClient().PostAsync("/api/v1/auth/email/confirm", new { token = badToken });

        Assert.True((await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("token", out _));
    }

    [Fact]
    public async Task ForgotPassword_ForAnUnknownEmail_Returns202AndSendsNothing()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var email = ApiClient.NewEmail("nobody");

        await (await app.CreateClient().PostAsync("/api/v1/auth/password/forgot", new { email })).JsonAsync(HttpStatusCode.Accepted);

        Assert.Equal(0, await app.MailCountAsync(email));
    }

    [Theory, AllProviders]
    public async Task ResetPassword_WithTheMailedToken_SetsTheNewPasswordEndsSessionsAndWorksOnce(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var email = ApiClient.NewEmail();
        var (oldToken, _) = await client.RegisterAsync(email);
        await (await client.PostAsync("/api/v1/auth/password/forgot", new { email })).JsonAsync(HttpStatusCode.Accepted);
        var resetToken = await app.MailedTokenAsync(email, "account.password_reset");

        await (await client.PostAsync("/api/v1/auth/password/reset", new { token = resetToken, newPassword = "a-brand-new-password" })).JsonAsync(HttpStatusCode.NoContent);
        var again = await client.PostAsync("/api/v1/auth/password/reset", new { token = resetToken, newPassword = "yet-another-password" });

        await again.JsonAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/me", oldToken)).JsonAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password })).JsonAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsync("/api/v1/auth/login", new { email, password = "a-brand-new-password" })).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ResetPassword_WithAShortPassword_Returns400NamingNewPassword()
    {
        var response = await (await fixture.For(DatabaseProvider.Sqlite)).CreateClient()
            .PostAsync("/api/v1/auth/password/reset", new { token = "whatever", newPassword = "short" });

        Assert.True((await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("newPassword", out _));
    }

    [Theory, AllProviders]
    public async Task ChangePassword_EndsOtherSessions_AndReturnsANewOne(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var email = ApiClient.NewEmail();
        var (first, _) = await client.RegisterAsync(email);
        var second = (await (await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password })).JsonAsync(HttpStatusCode.OK))
            .GetProperty("accessToken").GetString()!;

        var wrongCurrent = await client.PostAsync("/api/v1/me/password", new { currentPassword = "nope-nope-nope", newPassword = "another-good-password" }, first);
        var changed = await (await client.PostAsync("/api/v1/me/password", new { currentPassword = ApiClient.Password, newPassword = "another-good-password" }, first))
            .JsonAsync(HttpStatusCode.OK);

        Assert.True((await wrongCurrent.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("currentPassword", out _));
        await (await client.GetAsync("/api/v1/me", first)).JsonAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/api/v1/me", second)).JsonAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/api/v1/me", changed.GetProperty("accessToken").GetString()!)).JsonAsync(HttpStatusCode.OK);
    }
}
