using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Tests.Infrastructure;

namespace Gurukul.Bench.Fuzz;

/// <summary>
/// Who the fuzzer calls as: nobody, a student, a mentor or an admin (staff sign in with two-factor codes). Fuzzing can end
/// a session (logout, a password change, a suspension, a revoked role): such an identity is replaced by a fresh account.
/// Admins are minted by the bootstrap admin, which the fuzzer never uses for fuzzing and never learns the id of.
/// </summary>
public sealed class FuzzIdentities(HttpClient http, FuzzValues values, string adminEmail, string adminPassword)
{
    public const string Password = "Fuzz-Pass-7q!Xr2-Long";
    public static readonly string[] Roles = ["student", "mentor", "admin"];

    // One renewal at a time: the fuzz runs once per process.
    private static readonly SemaphoreSlim Renewing = new(1, 1);
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private string? _bootstrapToken;
    private string? _bootstrapKey;

    public int Renewals { get; private set; }

    public async Task StartAsync()
    {
        foreach (var role in Roles)
        {
            _tokens[role] = await NewAsync(role);
        }
    }

    public string TokenOf(string role)
    {
        lock (_tokens)
        {
            return _tokens[role];
        }
    }

    /// <summary>Replaces the identity whose <paramref name="token"/> stopped working (once, however many workers notice).</summary>
    public async Task RenewAsync(string role, string token)
    {
        await Renewing.WaitAsync();
        try
        {
            if (TokenOf(role) != token)
            {
                return;
            }

            var fresh = await NewAsync(role);
            lock (_tokens)
            {
                _tokens[role] = fresh;
            }

            Renewals++;
        }
        finally
        {
            Renewing.Release();
        }
    }

    private async Task<string> NewAsync(string role)
    {
        var (token, userId) = await RegisterAsync(role == "mentor" ? "mentor" : "student");
        if (role != "admin")
        {
            return token;
        }

        var bootstrap = await BootstrapTokenAsync();
        await SendAsync(HttpMethod.Post, $"/api/v1/admin/users/{userId}/roles", new { role = "admin" }, bootstrap);
        return await EnableTwoFactorAsync(token);
    }

    private async Task<(string Token, string UserId)> RegisterAsync(string role)
    {
        var body = await SendAsync(HttpMethod.Post, "/api/v1/auth/register", new
        {
            email = $"fuzz.{role}.{Guid.NewGuid():N}@example.com", password = Password, name = "Fuzz " + role, role, dateOfBirth = "1995-03-14",
        });
        return (body.GetProperty("accessToken").GetString()!, body.GetProperty("user").GetProperty("id").GetString()!);
    }

    /// <summary>The bootstrap admin's session, with two-factor sign-in turned on the first time (the fuzz database is new).</summary>
    private async Task<string> BootstrapTokenAsync()
    {
        if (_bootstrapToken is not null && (await http.SendAsync(Request(HttpMethod.Get, "/api/v1/me", null, _bootstrapToken))).IsSuccessStatusCode)
        {
            return _bootstrapToken;
        }

        var login = await SendAsync(HttpMethod.Post, "/api/v1/auth/login", new
        {
            email = adminEmail, password = adminPassword, totpCode = _bootstrapKey is null ? null : Totp.Code(_bootstrapKey, DateTimeOffset.UtcNow),
        });
        var token = login.GetProperty("accessToken").GetString()!;
        values.Protected[login.GetProperty("user").GetProperty("id").GetString()!] = true;
        if (_bootstrapKey is null)
        {
            _bootstrapKey = (await SendAsync(HttpMethod.Post, "/api/v1/me/two-factor/setup", new { }, token)).GetProperty("sharedKey").GetString()!;
            token = await EnableTwoFactorAsync(token, _bootstrapKey);
        }

        return _bootstrapToken = token;
    }

    private async Task<string> EnableTwoFactorAsync(string token, string? key = null)
    {
        key ??= (await SendAsync(HttpMethod.Post, "/api/v1/me/two-factor/setup", new { }, token)).GetProperty("sharedKey").GetString()!;
        var enabled = await SendAsync(HttpMethod.Post, "/api/v1/me/two-factor/enable", new { code = Totp.Code(key, DateTimeOffset.UtcNow) }, token);
        return enabled.GetProperty("session").GetProperty("accessToken").GetString()!;
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object body, string? token = null)
    {
        using var request = Request(method, path, body, token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new BenchException($"{method} {path} answered 429: start the app with RateLimits__Auth__PermitLimit=1000000 for fuzzing.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"setting up the fuzz identities: {method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, object? body, string? token)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
