using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Gurukul.Platform.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Infrastructure;

/// <summary>Helpers for driving the accounts API as a client would, and reading what the outbox sent.</summary>
public static partial class ApiClient
{
    public const string Password = "correct-horse-battery";

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, object body, string? accessToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> GetAsync(this HttpClient client, string path, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string NewEmail(string who = "user") => $"{who}.{Guid.NewGuid():N}@example.com";

    /// <summary>Signs up and returns (accessToken, body). Defaults to an adult student.</summary>
    public static async Task<(string AccessToken, JsonElement Body)> RegisterAsync(
        this HttpClient client, string email, string role = "student", string? dateOfBirth = "2000-01-15", string? guardianEmail = null, string locale = "en")
    {
        var body = await (await client.PostAsync("/api/v1/auth/register", new
        {
            email, password = Password, name = "Asha Rao", role, dateOfBirth, guardianEmail, locale,
        })).JsonAsync(HttpStatusCode.Created);
        return (body.GetProperty("accessToken").GetString()!, body);
    }

    /// <summary>
    /// An access token of a staff member (admin or support) as staff really are: the role granted, then two-factor
    /// sign-in turned on through the API (staff policies require it).
    /// </summary>
    public static async Task<(string AccessToken, string UserId)> StaffTokenAsync(this GurukulApp app, HttpClient client, string role = "admin")
    {
        var email = NewEmail(role);
        var (token, body) = await client.RegisterAsync(email);
        var userId = body.GetProperty("user").GetProperty("id").GetString()!;
        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Gurukul.Features.Accounts.User>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(userId))!, role)).Succeeded);
        }

        var key = (await (await client.PostAsync("/api/v1/me/two-factor/setup", new { }, token)).JsonAsync(HttpStatusCode.OK)).GetProperty("sharedKey").GetString()!;
        var enabled = await (await client.PostAsync("/api/v1/me/two-factor/enable", new { code = Totp.Code(key, DateTimeOffset.UtcNow) }, token)).JsonAsync(HttpStatusCode.OK);
        return (enabled.GetProperty("session").GetProperty("accessToken").GetString()!, userId);
    }

    /// <summary>The token in the newest mail of this kind to this address (from the link in its body).</summary>
    public static async Task<string> MailedTokenAsync(this GurukulApp app, string to, string kind)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        var mail = await db.Set<OutboxMail>().Where(m => m.To == to && m.Kind == kind).OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync();
        Assert.True(mail is not null, $"no {kind} mail to {to}");
        return Uri.UnescapeDataString(TokenInLink().Match(mail.TextBody).Groups[1].Value);
    }

    public static async Task<int> MailCountAsync(this GurukulApp app, string to)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<OutboxMail>().CountAsync(m => m.To == to);
    }

    /// <summary>The signed-in session behind an access token, as a principal: whom a signed file link is made for.</summary>
    public static async Task<ClaimsPrincipal> ViewerAsync(this GurukulApp app, string accessToken)
    {
        await using var scope = app.Scope();
        var hash = Session.Hash(accessToken);
        var session = await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<Session>()
            .Where(s => s.AccessTokenHash == hash).Select(s => s.Id).SingleAsync();
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(SessionValidator.SessionIdClaim, session.ToString())], "test"));
    }

    [GeneratedRegex(@"token=([^\s]+)")]
    private static partial Regex TokenInLink();
}
