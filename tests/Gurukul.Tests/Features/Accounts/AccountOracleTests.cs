using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Gurukul.Tests.Features.Accounts;

/// <summary>
/// Nothing about a failed sign-in tells whether the account exists (issue 16): an unknown email costs the same hash and
/// locks out after the same number of tries; and a wrong current password, wherever it is asked for, counts toward the
/// lockout like a wrong password at sign-in.
/// </summary>
public sealed class AccountOracleTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Login_ForAnUnknownEmail_LocksOutOnTheFifthFailure_ExactlyLikeARealAccount(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var known = ApiClient.NewEmail();
        await client.RegisterAsync(known);
        var unknown = ApiClient.NewEmail();

        var answers = new Dictionary<string, List<HttpResponseMessage>>();
        foreach (var email in new[] { known, unknown })
        {
            answers[email] = [];
            for (var attempt = 1; attempt <= 6; attempt++)
            {
                answers[email].Add(await client.PostAsync("/api/v1/auth/login", new { email, password = "wrong-password-" + attempt }));
            }
        }

        foreach (var email in new[] { known, unknown })
        {
            var statuses = answers[email].Select(r => r.StatusCode).ToList();
            Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
            Assert.InRange(answers[email][^1].Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        }

        Assert.Equal(Detail(await answers[known][4].Content.ReadAsStringAsync()), Detail(await answers[unknown][4].Content.ReadAsStringAsync()));
    }

    [Theory, AllProviders]
    public async Task ChangePassword_WithAWrongCurrentPassword_CountsTowardTheLockout_AndLocksSignInToo(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var email = ApiClient.NewEmail();
        var (token, _) = await client.RegisterAsync(email);

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            statuses.Add((await client.PostAsync("/api/v1/me/password", new { currentPassword = "guess-number-" + attempt, newPassword = "a-brand-new-password" }, token)).StatusCode);
        }

        var withTheRightOne = await client.PostAsync("/api/v1/me/password", new { currentPassword = ApiClient.Password, newPassword = "a-brand-new-password" }, token);
        var signIn = await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password });

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.BadRequest, 4), HttpStatusCode.TooManyRequests], statuses);
        await withTheRightOne.JsonAsync(HttpStatusCode.TooManyRequests);
        await signIn.JsonAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(signIn.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task TurningTwoFactorOff_WithAWrongPassword_CountsTowardTheLockout()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var email = ApiClient.NewEmail();
        var (first, _) = await client.RegisterAsync(email);
        var key = (await (await client.PostAsync("/api/v1/me/two-factor/setup", new { }, first)).JsonAsync(HttpStatusCode.OK)).GetProperty("sharedKey").GetString()!;
        var token = (await (await client.PostAsync("/api/v1/me/two-factor/enable", new { code = Totp.Code(key, DateTimeOffset.UtcNow) }, first))
            .JsonAsync(HttpStatusCode.OK)).GetProperty("session").GetProperty("accessToken").GetString()!;

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            statuses.Add((await client.PostAsync("/api/v1/me/two-factor/disable", new { password = "guess-number-" + attempt }, token)).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.BadRequest, 4), HttpStatusCode.TooManyRequests], statuses);
        await (await client.PostAsync("/api/v1/me/two-factor/disable", new { password = ApiClient.Password }, token)).JsonAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Login_ForAnUnknownEmail_VerifiesAHashMadeByTheAppsHasher_WithTheSameParametersAsRealPasswords()
    {
        var verified = new ConcurrentQueue<string>();
        await using var app = await GurukulApp.StartAsync(DatabaseProvider.Sqlite, services: services =>
            services.AddScoped<IPasswordHasher<User>>(provider => new RecordingHasher(provider.GetRequiredService<IOptions<PasswordHasherOptions>>(), verified)));
        var client = app.CreateClient();
        var email = ApiClient.NewEmail();
        await client.RegisterAsync(email);
        string realHash;
        await using (var scope = app.Scope())
        {
            realHash = (await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Users.SingleAsync(u => u.Email == email)).PasswordHash!;
        }

        verified.Clear();
        await (await client.PostAsync("/api/v1/auth/login", new { email = ApiClient.NewEmail(), password = "not-the-password" })).JsonAsync(HttpStatusCode.Unauthorized);

        var decoy = Assert.Single(verified);
        Assert.NotEqual(realHash, decoy);
        Assert.Equal(Parameters(realHash), Parameters(decoy));
        Assert.Equal(210_000u, Parameters(decoy).Iterations);
    }

    private static string? Detail(string problem) => System.Text.Json.JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString();

    // Identity's version-3 hash: format marker, then PRF, iteration count and salt length as big-endian integers.
    private static (byte Format, uint Prf, uint Iterations, uint SaltLength) Parameters(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return (bytes[0], BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)),
            BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9)));
    }

    /// <summary>Identity's hasher with the app's settings, noting every hash it is asked to verify against.</summary>
    private sealed class RecordingHasher(IOptions<PasswordHasherOptions> options, ConcurrentQueue<string> verified) : PasswordHasher<User>(options)
    {
        public override PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            verified.Enqueue(hashedPassword);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
