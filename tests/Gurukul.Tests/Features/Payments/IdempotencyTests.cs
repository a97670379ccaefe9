using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gurukul.Features.Payments.Coupons;
using Gurukul.Platform.Data;
using Gurukul.Platform.Idempotency;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Payments.TestPurchases;

namespace Gurukul.Tests.Features.Payments;

/// <summary>
/// <c>Idempotency-Key</c> (API.md "Book, pay, meet"), on an idempotent money POST: creating a coupon and playing the sandbox.
/// </summary>
public sealed class IdempotencyTests(SandboxPaymentsFixture fixture) : IClassFixture<SandboxPaymentsFixture>
{
    [Theory, AllProviders]
    public async Task SameKeyAndBody_ReplaysTheFirstResponse_AndRunsOnce(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var code = NewCode();

        using var first = await PostCouponAsync(client, admin, "key-1", new { code, percentOff = 10 });
        using var second = await PostCouponAsync(client, admin, "key-1", new { code, percentOff = 10 });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("application/json; charset=utf-8", second.Content.Headers.ContentType?.ToString());
        Assert.False(first.Headers.Contains(IdempotencyFilter.ReplayedHeader));
        Assert.Equal("true", second.Headers.GetValues(IdempotencyFilter.ReplayedHeader).Single());
        Assert.Equal(1, await CouponCountAsync(app, code));
    }

    [Theory, AllProviders]
    public async Task SameKeyWithADifferentBody_Is422_AndRunsNothing(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var (code, other) = (NewCode(), NewCode());

        (await PostCouponAsync(client, admin, "key-2", new { code, percentOff = 10 })).Dispose();
        var refused = await (await PostCouponAsync(client, admin, "key-2", new { code = other, percentOff = 10 })).JsonAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(422, refused.GetProperty("status").GetInt32());
        Assert.Equal(0, await CouponCountAsync(app, other));
    }

    [Theory, AllProviders]
    public async Task TheSameKey_FromAnotherUser_IsTheirOwn(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var (otherAdmin, _) = await app.StaffTokenAsync(client);
        var (code, other) = (NewCode(), NewCode());

        await (await PostCouponAsync(client, admin, "shared-key", new { code, percentOff = 10 })).JsonAsync(HttpStatusCode.Created);
        await (await PostCouponAsync(client, otherAdmin, "shared-key", new { code = other, percentOff = 10 })).JsonAsync(HttpStatusCode.Created);
    }

    [Theory, AllProviders]
    public async Task ConcurrentDuplicates_RunOnce_TheOthersWaitOrReplay(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var checkout = await StartAsync(app, student, mentor);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => PlaySandboxAsync(client, student, checkout.Id, "succeeded", key: "pay-once")));

        // Exactly one request ran the payment; each other one either found it still running (409) or replayed its answer.
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK && !a.Headers.Contains(IdempotencyFilter.ReplayedHeader)));
        var purchaseId = (await PaymentAsync(app, checkout.Id)).PurchaseId;
        Assert.Equal(1, app.Services.GetRequiredService<TestPurchaseLog>().SucceededCount(purchaseId));
        // Once settled, a retry replays the payment's answer rather than the 409 "already paid" a new request would get.
        var retry = await (await PlaySandboxAsync(client, student, checkout.Id, "succeeded", key: "pay-once")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("succeeded", retry.GetProperty("status").GetString());
    }

    [Theory, AllProviders]
    public async Task ARefusedRequest_KeepsNoAnswer_SoTheCorrectedRequestRunsUnderTheSameKey(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var code = NewCode();

        await (await PostCouponAsync(client, admin, "key-3", new { code, percentOff = 300 })).JsonAsync(HttpStatusCode.BadRequest);
        await (await PostCouponAsync(client, admin, "key-3", new { code, percentOff = 30 })).JsonAsync(HttpStatusCode.Created);
    }

    [Theory, AllProviders]
    public async Task AKeyThatIsEmptyOrTooLong_Is400NamingTheHeader(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);

        var tooLong = await (await PostCouponAsync(client, admin, new string('k', 256), new { code = NewCode(), percentOff = 5 })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty(IdempotencyEndpoints.HeaderName, out _));
        await (await PostCouponAsync(client, admin, new string('k', 255), new { code = NewCode(), percentOff = 5 })).JsonAsync(HttpStatusCode.Created);
    }

    [Theory, AllProviders]
    public async Task KeysPastTheirRetention_ArePurged_AndTheKeyRunsAgain(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, adminId) = await app.StaffTokenAsync(client);
        var (code, other) = (NewCode(), NewCode());
        await (await PostCouponAsync(client, admin, "old-key", new { code, percentOff = 10 })).JsonAsync(HttpStatusCode.Created);

        var purged = await WithAsync(app, async s =>
        {
            var records = s.GetRequiredService<GurukulDbContext>().Set<IdempotencyRecord>();
            var kept = await records.Where(r => r.UserId == adminId).Select(r => r.ExpiresAt - r.CreatedAt).SingleAsync();
            Assert.True(kept >= Duration.FromHours(24), $"keys are kept {kept}");
            await records.Where(r => r.UserId == adminId).ExecuteUpdateAsync(set => set.SetProperty(r => r.ExpiresAt, r => r.CreatedAt));
            return await s.GetRequiredService<IdempotencyKeys>().PurgeExpiredAsync(CancellationToken.None);
        });

        Assert.True(purged >= 1);
        await (await PostCouponAsync(client, admin, "old-key", new { code = other, percentOff = 10 })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ThePurgeJob_IsQueuedAtStartUp_AndRunsOnTheQueue()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);

        await Poll.UntilAsync(() => WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Gurukul.Platform.Jobs.Job>()
            .AnyAsync(j => j.Kind == "idempotency.purge" && j.Status == Gurukul.Platform.Jobs.JobStatus.Succeeded)), "the first purge ran");
        var pending = await WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Gurukul.Platform.Jobs.Job>()
            .Where(j => j.Kind == "idempotency.purge" && j.Status == Gurukul.Platform.Jobs.JobStatus.Pending).ToListAsync());
        var next = Assert.Single(pending);
        Assert.True(next.RunAt > SystemClock.Instance.GetCurrentInstant() + Duration.FromMinutes(55), "the next purge is an hour later");
    }

    private static async Task<HttpResponseMessage> PostCouponAsync(HttpClient client, string token, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/coupons") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add(IdempotencyEndpoints.HeaderName, key);
        return await client.SendAsync(request);
    }

    private static Task<int> CouponCountAsync(GurukulApp app, string code) =>
        WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Coupon>().CountAsync(c => c.Code == code));

    public static string NewCode() => "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
}
