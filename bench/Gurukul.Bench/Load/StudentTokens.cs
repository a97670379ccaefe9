using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Bench.Generate;

namespace Gurukul.Bench.Load;

/// <summary>
/// Bearer tokens for generated students, from <c>POST /api/v1/auth/login</c> (API.md "Accounts"). Sign-in is rate
/// limited per client address (RateLimits:Auth:PermitLimit, 30 a minute by default), so a run of a few hundred
/// sign-ins needs the app started with a higher limit: a 429 here says so.
/// </summary>
public static class StudentTokens
{
    private sealed record Cache(string BaseUrl, DateTimeOffset ExpiresAt, List<string> Tokens);

    /// <summary>
    /// Tokens from <paramref name="cacheFile"/> when it holds enough for this server that stay valid for the whole run
    /// (checked with one <c>GET /api/v1/me</c>: a regenerated database has other sessions), else fresh sign-ins, saved there.
    /// Access tokens last an hour, so repeated runs skip the minute or more of PBKDF2 checks on a small machine.
    /// </summary>
    public static async Task<List<string>> GetAsync(HttpClient http, int count, int population, int seed, string? cacheFile, TimeSpan runLength)
    {
        if (cacheFile is not null && File.Exists(cacheFile))
        {
            var cache = JsonSerializer.Deserialize<Cache>(await File.ReadAllTextAsync(cacheFile), JsonSerializerOptions.Web);
            if (cache is not null && cache.BaseUrl == http.BaseAddress!.ToString() && cache.Tokens.Count >= count
                && cache.ExpiresAt > DateTimeOffset.UtcNow + runLength + TimeSpan.FromMinutes(2) && await WorksAsync(http, cache.Tokens[0]))
            {
                Console.WriteLine($"Reusing {count} student tokens from {cacheFile} (valid until {cache.ExpiresAt:HH:mm} UTC).");
                return cache.Tokens.Take(count).ToList();
            }
        }

        var tokens = await SignInAsync(http, count, population, seed);
        if (cacheFile is not null)
        {
            // Issued during the sign-in just done; an hour's lifetime, less a margin for the slowest sign-in.
            var cache = new Cache(http.BaseAddress!.ToString(), DateTimeOffset.UtcNow.AddMinutes(55), tokens);
            await File.WriteAllTextAsync(cacheFile, JsonSerializer.Serialize(cache, JsonSerializerOptions.Web));
        }

        return tokens;
    }

    private static async Task<bool> WorksAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    private static async Task<List<string>> SignInAsync(HttpClient http, int count, int population, int seed)
    {
        var watch = Stopwatch.StartNew();
        var numbers = Enumerable.Range(0, count).Select(i => Draw.For(seed, 3, i).Between(1, population)).Distinct().ToList();
        Console.WriteLine($"Signing in {numbers.Count} bench students (each costs the server one PBKDF2 check) …");
        var tokens = new System.Collections.Concurrent.ConcurrentBag<string>();
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        // Each sign-in costs the server one PBKDF2 verification: a few at a time is as fast as it goes on a small machine.
        await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (number, cancellationToken) =>
        {
            try
            {
                using var response = await http.PostAsJsonAsync("/api/v1/auth/login",
                    new { email = BenchAccounts.StudentEmail(number), password = BenchAccounts.Password }, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                    tokens.Add(body.RootElement.GetProperty("accessToken").GetString()!);
                }
                else
                {
                    failures.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                }
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
            {
                failures.AddOrUpdate(failure.GetType().Name, 1, (_, n) => n + 1);
            }
        });

        if (failures.TryGetValue("429", out var limited))
        {
            throw new BenchException($"{limited} of {numbers.Count} sign-ins were rate limited (429). Start the app with a higher auth limit, e.g. "
                + "RateLimits__Auth__PermitLimit=100000 in its environment (bench/README.md).");
        }

        if (tokens.IsEmpty)
        {
            throw new BenchException($"No bench student could sign in ({string.Join(", ", failures.Select(f => $"{f.Key}×{f.Value}"))}). "
                + "Was the database made with `generate`, with at least --students students (pass the same number here)?");
        }

        Console.WriteLine($"Signed in {tokens.Count} students in {watch.Elapsed.TotalSeconds:F1} s"
            + (failures.IsEmpty ? "." : $" ({string.Join(", ", failures.Select(f => $"{f.Key}×{f.Value}"))} failed)."));
        return [.. tokens];
    }
}
