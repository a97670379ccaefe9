using System.Net;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Features.Accounts;

/// <summary>
/// Password hashing takes turns (issue 16, ADR 0018): when every turn is taken and the queue is full, a sign-in is refused
/// at once with 503 and Retry-After instead of piling onto the CPU. Here one turn and no queue, with the turn held by the test.
/// </summary>
public sealed class PasswordHashingTests : IAsyncLifetime
{
    private GurukulApp _app = null!;

    public async Task InitializeAsync() => _app = await GurukulApp.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
    {
        ["PasswordHashing:MaxConcurrent"] = "1",
        ["PasswordHashing:QueueLimit"] = "0",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SignIn_WhileEveryHashingTurnIsTakenAndTheQueueFull_Answers503WithRetryAfter_ThenWorksAgain()
    {
        var client = _app.CreateClient();
        var email = ApiClient.NewEmail();
        await client.RegisterAsync(email);
        var gate = _app.Services.GetRequiredService<PasswordHashingGate>();

        HttpResponseMessage api, unknown, page;
        using (await gate.EnterAsync(CancellationToken.None))
        {
            api = await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password });
            unknown = await client.PostAsync("/api/v1/auth/login", new { email = ApiClient.NewEmail(), password = ApiClient.Password });
            using var browser = PageClient.Anonymous(_app);
            page = await browser.PostFormAsync("/account/sign-in", [new("Input.Email", email), new("Input.Password", ApiClient.Password)]);
        }

        var problem = await api.JsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Many people are signing in right now. Please try again in a few seconds.", problem.GetProperty("detail").GetString());
        Assert.Equal(PasswordHashingGate.RetryAfter, api.Headers.RetryAfter?.Delta);
        await unknown.JsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Many people are signing in right now.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await (await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password })).JsonAsync(HttpStatusCode.OK);
    }
}
