using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Accounts;

public sealed class GuardianConsentTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Guardian_WhoConsents_ActivatesTheChildsAccount_Once(DatabaseProvider provider)
    {
        var (app, client, childToken, consentToken) = await ChildAwaitingConsentAsync(provider);

        var request = await (await client.GetAsync(new Uri("/api/v1/guardian-consent?token=" + Uri.EscapeDataString(consentToken), UriKind.Relative)))
            .JsonAsync(HttpStatusCode.OK);
        var decided = await (await client.PostAsync("/api/v1/guardian-consent", new { token = consentToken, decision = "consent" })).JsonAsync(HttpStatusCode.OK);
        var again = await client.PostAsync("/api/v1/guardian-consent", new { token = consentToken, decision = "refuse" });

        Assert.Equal("Asha Rao", request.GetProperty("childName").GetString());
        Assert.Equal("pending_guardian_consent", request.GetProperty("status").GetString());
        Assert.Equal("active", decided.GetProperty("status").GetString());
        await again.JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("active", (await (await client.GetAsync("/api/v1/me", childToken)).JsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.NotNull(app);
    }

    [Theory, AllProviders]
    public async Task Guardian_WhoRefuses_EndsTheChildsSessions_AndBlocksSignIn(DatabaseProvider provider)
    {
        var (_, client, childToken, consentToken) = await ChildAwaitingConsentAsync(provider);

        var decided = await (await client.PostAsync("/api/v1/guardian-consent", new { token = consentToken, decision = "refuse" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("guardian_consent_refused", decided.GetProperty("status").GetString());
        await (await client.GetAsync("/api/v1/me", childToken)).JsonAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GuardianDecision_WithoutAValidChoice_Returns400NamingDecision()
    {
        var (_, client, _, consentToken) = await ChildAwaitingConsentAsync(DatabaseProvider.Sqlite);

        var response = await client.PostAsync("/api/v1/guardian-consent", new { token = consentToken, decision = "maybe" });

        Assert.True((await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("decision", out _));
    }

    [Fact]
    public async Task GuardianRequest_WithTheChildsConfirmEmailToken_IsRejected()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var email = ApiClient.NewEmail("child");
        await app.CreateClient().RegisterAsync(email, dateOfBirth: TwelveYearsAgo(), guardianEmail: ApiClient.NewEmail("parent"));
        var wrongPurpose = await app.MailedTokenAsync(email, "account.confirm_email");

        var response = await app.CreateClient().PostAsync("/api/v1/guardian-consent", new { token = wrongPurpose, decision = "consent" });

        await response.JsonAsync(HttpStatusCode.BadRequest);
    }

    private static string TwelveYearsAgo() =>
        NodaTime.SystemClock.Instance.GetCurrentInstant().InUtc().Date.PlusYears(-12).ToString("uuuu-MM-dd", null);

    private async Task<(GurukulApp App, HttpClient Client, string ChildToken, string ConsentToken)> ChildAwaitingConsentAsync(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var guardian = ApiClient.NewEmail("parent");
        var (childToken, _) = await client.RegisterAsync(ApiClient.NewEmail("child"), dateOfBirth: TwelveYearsAgo(), guardianEmail: guardian);
        return (app, client, childToken, await app.MailedTokenAsync(guardian, "account.guardian_consent"));
    }
}
