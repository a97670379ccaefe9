using System.Net;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Features.Accounts;

public sealed class SignUpTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Register_AdultStudent_Returns201WithUserAndWorkingToken(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var email = ApiClient.NewEmail();

        var (token, body) = await client.RegisterAsync(email);

        var user = body.GetProperty("user");
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.Equal(["student"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("active", user.GetProperty("status").GetString());
        Assert.False(user.GetProperty("emailConfirmed").GetBoolean());
        Assert.False(user.GetProperty("minor").GetBoolean());
        Assert.EndsWith("Z", body.GetProperty("expiresAt").GetString(), StringComparison.Ordinal);
        var me = await (await client.GetAsync("/api/v1/me", token)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(user.GetProperty("id").GetString(), me.GetProperty("id").GetString());
        Assert.Equal(1, await app.MailCountAsync(email));
    }

    [Theory, AllProviders]
    public async Task Register_StudentUnder16_AwaitsGuardianConsent_AndTheGuardianIsAsked(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var email = ApiClient.NewEmail("child");
        var guardian = ApiClient.NewEmail("parent");

        var (_, body) = await app.CreateClient().RegisterAsync(email, dateOfBirth: Today().PlusYears(-13).ToString("uuuu-MM-dd", null), guardianEmail: guardian);

        Assert.Equal("pending_guardian_consent", body.GetProperty("user").GetProperty("status").GetString());
        Assert.True(body.GetProperty("user").GetProperty("minor").GetBoolean());
        Assert.NotEmpty(await app.MailedTokenAsync(guardian, "account.guardian_consent"));
    }

    [Fact]
    public async Task Register_Student17_IsAMinorWithoutGuardian()
    {
        var (_, body) = await (await fixture.For(DatabaseProvider.Sqlite)).CreateClient()
            .RegisterAsync(ApiClient.NewEmail(), dateOfBirth: Today().PlusYears(-17).ToString("uuuu-MM-dd", null));

        Assert.Equal("active", body.GetProperty("user").GetProperty("status").GetString());
        Assert.True(body.GetProperty("user").GetProperty("minor").GetBoolean());
    }

    [Fact]
    public async Task Register_StudentUnder16_WithoutGuardianEmail_Returns400NamingIt()
    {
        var response = await (await fixture.For(DatabaseProvider.Sqlite)).CreateClient().PostAsync("/api/v1/auth/register", new
        {
            email = ApiClient.NewEmail(), password = ApiClient.Password, name = "Ravi", role = "student",
            dateOfBirth = Today().PlusYears(-12).ToString("uuuu-MM-dd", null),
        });

        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("guardianEmail", out _));
    }

    [Fact]
    public async Task Register_WithEveryFieldWrong_Returns400NamingEachField()
    {
        var response = await (await fixture.For(DatabaseProvider.Sqlite)).CreateClient().PostAsync("/api/v1/auth/register", new
        {
            email = "not-an-email", password = "short", name = "", role = "admin", dateOfBirth = "15/01/2000", locale = "fr",
        });

        var errors = (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "email", "password", "name", "role", "dateOfBirth", "locale" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors should name {field}: {errors}");
        }
    }

    [Theory]
    [InlineData("\"asha rao\"@example.com")]
    [InlineData("asha@[127.0.0.1]")]
    [InlineData("āsha@example.com")]
    [InlineData("asha@exämple.com")]
    [InlineData("asha@example.com\u200B")]
    [InlineData("asha\u202E@example.com")]
    public async Task Register_WithAnEmailThatPassesTheFormatButNotIdentitysRules_Returns400NamingEmail(string email)
    {
        var response = await (await fixture.For(DatabaseProvider.Sqlite)).CreateClient().PostAsync("/api/v1/auth/register", new
        {
            email, password = ApiClient.Password, name = "Asha Rao", role = "student", dateOfBirth = "2000-01-15",
        });

        var errors = (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["email"], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Register_Errors_SpeakTheCallersLanguage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = "x", password = "y", name = "z", role = "student", dateOfBirth = "2000-01-01" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("te");

        var errors = (await (await (await fixture.For(DatabaseProvider.Sqlite)).CreateClient().SendAsync(request)).JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.Equal("సరైన ఈమెయిల్ చిరునామా రాయండి.", errors.GetProperty("email")[0].GetString());
    }

    [Theory, AllProviders]
    public async Task Register_WithTakenEmail_Returns409(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var email = ApiClient.NewEmail();
        await client.RegisterAsync(email);

        var response = await client.PostAsync("/api/v1/auth/register", new
        {
            email = email.ToUpperInvariant(), password = ApiClient.Password, name = "Other", role = "mentor",
        });

        await response.JsonAsync(HttpStatusCode.Conflict);
    }

    [Theory, AllProviders]
    public async Task TwentyParallelSignUps_WithTheSameEmail_CreateExactlyOneAccount(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var email = ApiClient.NewEmail("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.CreateClient().PostAsync("/api/v1/auth/register", new
        {
            email, password = ApiClient.Password, name = "Racer", role = "student", dateOfBirth = "2001-02-03",
        })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var normalized = users.NormalizeEmail(email);
        Assert.Single(users.Users.Where(u => u.NormalizedEmail == normalized));
    }

    private static NodaTime.LocalDate Today() => NodaTime.SystemClock.Instance.GetCurrentInstant().InUtc().Date;
}
