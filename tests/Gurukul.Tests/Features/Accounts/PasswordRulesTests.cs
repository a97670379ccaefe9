using System.Net;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Features.Accounts;

/// <summary>
/// A new password must not be one attackers try first, nor hold the person's own name or email (issue 16, ADR 0018), at
/// sign-up, reset and change alike, with the reason in the person's language.
/// </summary>
public sealed class PasswordRulesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("1234567890")]
    [InlineData("password12")]
    [InlineData("QWERTYUIOP")]
    [InlineData("Password2024!")]
    [InlineData("!!iloveyou2008")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abababab1212")]
    public async Task Register_WithACommonOrPredictablePassword_Returns400NamingPassword(string password)
    {
        var response = await (await fixture.For(DatabaseProvider.Sqlite)).CreateClient().PostAsync("/api/v1/auth/register", new
        {
            email = ApiClient.NewEmail(), password, name = "Asha Rao", role = "student", dateOfBirth = "2000-01-15",
        });

        var errors = (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["password"], errors.EnumerateObject().Select(e => e.Name));
        Assert.StartsWith("This password is one of the most common", errors.GetProperty("password")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithTheEmailOrTheNameInThePassword_Returns400NamingPassword()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var email = $"kavya.{Guid.NewGuid():N}@example.com";

        var withEmail = await client.PostAsync("/api/v1/auth/register", new
        {
            email, password = "my " + email.Split('@')[0].ToUpperInvariant(), name = "Kavya Menon", role = "student", dateOfBirth = "2000-01-15",
        });
        var withName = await client.PostAsync("/api/v1/auth/register", new
        {
            email, password = "kavyamenon rocks", name = "Kavya Menon", role = "student", dateOfBirth = "2000-01-15",
        });
        var withSurname = await client.PostAsync("/api/v1/auth/register", new
        {
            email, password = "tall green menon trees", name = "Kavya Menon", role = "student", dateOfBirth = "2000-01-15",
        });

        foreach (var refused in new[] { withEmail, withName, withSurname })
        {
            var errors = (await refused.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.Equal("Don't put your name or email address in your password.", errors.GetProperty("password")[0].GetString());
        }

        await (await client.PostAsync("/api/v1/auth/register", new
        {
            email, password = "tall green mango trees", name = "Kavya Menon", role = "student", dateOfBirth = "2000-01-15",
        })).JsonAsync(HttpStatusCode.Created);
    }

    [Theory, AllProviders]
    public async Task ChangeAndReset_RefuseACommonPassword_ForTheNewOne(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var email = ApiClient.NewEmail();
        var (token, _) = await client.RegisterAsync(email);
        await (await client.PostAsync("/api/v1/auth/password/forgot", new { email })).JsonAsync(HttpStatusCode.Accepted);
        var resetToken = await app.MailedTokenAsync(email, "account.password_reset");

        var changed = await client.PostAsync("/api/v1/me/password", new { currentPassword = ApiClient.Password, newPassword = "password123" }, token);
        var reset = await client.PostAsync("/api/v1/auth/password/reset", new { token = resetToken, newPassword = "Asha Rao 2024" });

        Assert.True((await changed.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("newPassword", out _));
        Assert.Equal("Don't put your name or email address in your password.",
            (await reset.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("newPassword")[0].GetString());
        await (await client.GetAsync("/api/v1/me", token)).JsonAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("hi", "यह पासवर्ड सबसे आम पासवर्डों में से है")]
    [InlineData("te", "ఈ పాస్‌వర్డ్ అత్యంత సాధారణమైన వాటిలో ఒకటి")]
    public async Task TheRefusal_SpeaksThePersonsLanguage(string language, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                email = ApiClient.NewEmail(), password = "password12", name = "Asha Rao", role = "student", dateOfBirth = "2000-01-15",
            }),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);

        var errors = (await (await (await fixture.For(DatabaseProvider.Sqlite)).CreateClient().SendAsync(request)).JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.StartsWith(expected, errors.GetProperty("password")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommonPasswordList_IsTheTensOfThousandsShippedFromNpm()
    {
        var common = (await fixture.For(DatabaseProvider.Sqlite)).Services.GetRequiredService<CommonPasswords>();

        Assert.InRange(common.Count, 40_000, 60_000);
        Assert.True(common.Contains("1234567890"));
        Assert.False(common.Contains(ApiClient.Password));
    }
}
