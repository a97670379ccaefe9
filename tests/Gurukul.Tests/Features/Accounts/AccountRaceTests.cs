using System.Net;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Xunit;

namespace Gurukul.Tests.Features.Accounts;

/// <summary>
/// Requests for one account at the same moment (two tabs, a retrying app) lose races inside Identity: the optimistic
/// concurrency stamp, or two inserts of the same token row. The fuzzer found them as 500s; they are 409s to retry.
/// </summary>
public sealed class AccountRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int AtOnce = 6;

    [Fact]
    public async Task IdentityConcurrencyFailure_IsAConflictToRetry_AndOtherFailuresStayFaults()
    {
        await using var scope = (await fixture.For(DatabaseProvider.Sqlite)).Scope();
        var text = scope.ServiceProvider.GetRequiredService<IStringLocalizer<Strings>>();
        var describer = new IdentityErrorDescriber();

        Assert.Throws<ConflictException>(() => IdentityOutcomes.ThrowIfFailed(IdentityResult.Failed(describer.ConcurrencyFailure()), text));
        Assert.Throws<InvalidOperationException>(() => IdentityOutcomes.ThrowIfFailed(IdentityResult.Failed(describer.DuplicateRoleName("x")), text));
        IdentityOutcomes.ThrowIfFailed(IdentityResult.Success, text);
    }

    [Theory, AllProviders]
    public async Task TwoFactorSetup_AskedForManyTimesAtOnce_AnswersOneKeyOrAConflict(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());

        var answers = await AtTheSameTimeAsync(() => client.PostAsync("/api/v1/me/two-factor/setup", new { }, token));

        AssertOnlyOkOrConflict(answers);
        var keys = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Body.GetProperty("sharedKey").GetString()).Distinct().ToList();
        var settled = (await (await client.PostAsync("/api/v1/me/two-factor/setup", new { }, token)).JsonAsync(HttpStatusCode.OK)).GetProperty("sharedKey").GetString();
        Assert.Equal([settled], keys);
    }

    [Theory, AllProviders]
    public async Task TwoFactorDisable_SentManyTimesAtOnce_TurnsItOffOrAnswersAConflict(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());
        var key = (await (await client.PostAsync("/api/v1/me/two-factor/setup", new { }, token)).JsonAsync(HttpStatusCode.OK)).GetProperty("sharedKey").GetString()!;
        var session = (await (await client.PostAsync("/api/v1/me/two-factor/enable", new { code = Totp.Code(key, DateTimeOffset.UtcNow) }, token))
            .JsonAsync(HttpStatusCode.OK)).GetProperty("session").GetProperty("accessToken").GetString()!;

        var answers = await AtTheSameTimeAsync(() => client.PostAsync("/api/v1/me/two-factor/disable", new { password = ApiClient.Password }, session));

        // Turning it off ends the other sessions, so a request that arrives after the first one finished is not signed in any more.
        AssertOnlyOkOrConflict(answers.Where(a => a.Status != HttpStatusCode.Unauthorized).ToList());
        var signedIn = answers.First(a => a.Status == HttpStatusCode.OK).Body.GetProperty("accessToken").GetString()!;
        Assert.False((await (await client.GetAsync("/api/v1/me", signedIn)).JsonAsync(HttpStatusCode.OK)).GetProperty("twoFactorEnabled").GetBoolean());
    }

    private static async Task<List<(HttpStatusCode Status, System.Text.Json.JsonElement Body)>> AtTheSameTimeAsync(Func<Task<HttpResponseMessage>> send)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ => Task.Run(send)));
        var answers = new List<(HttpStatusCode, System.Text.Json.JsonElement)>();
        foreach (var response in responses)
        {
            answers.Add((response.StatusCode, await response.JsonAsync(response.StatusCode)));
        }

        return answers;
    }

    private static void AssertOnlyOkOrConflict(List<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> answers)
    {
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)a.Status}: {a.Body}"));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.OK);
    }
}
