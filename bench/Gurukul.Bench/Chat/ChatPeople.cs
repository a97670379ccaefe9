using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gurukul.Bench.Chat;

/// <summary>
/// The soak's conversations: generated bench mentors (signed in, the approved ones) each paired with a student signed up
/// for this run, who opens their conversation. Everything through the API, as clients would.
/// </summary>
public static class ChatPeople
{
    public sealed record Pair(string ConversationId, string StudentId, string StudentToken, string MentorId, string MentorToken);

    private sealed record Person(string UserId, string Token);

    public static async Task<IReadOnlyList<Pair>> PrepareAsync(HttpClient http, int pairs, int mentorPopulation)
    {
        var mentors = new ConcurrentBag<(Person Person, string MentorProfileId)>();
        // Each sign-in and sign-up costs the server one password hash: a few at a time is as fast as it goes on a small machine.
        await Parallel.ForEachAsync(Enumerable.Range(1, mentorPopulation), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (number, cancellationToken) =>
        {
            if (mentors.Count >= pairs + pairs / 10 + 2)
            {
                return;
            }

            var token = await TokenAsync(http, "/api/v1/auth/login", new { email = BenchAccounts.MentorEmail(number), password = BenchAccounts.Password }, cancellationToken);
            using var profile = await GetAsync(http, "/api/v1/me/mentor-profile", token, cancellationToken);
            if (profile.RootElement.GetProperty("verificationStatus").GetString() == "approved")
            {
                using var me = await GetAsync(http, "/api/v1/me", token, cancellationToken);
                mentors.Add((new Person(me.RootElement.GetProperty("id").GetString()!, token), profile.RootElement.GetProperty("id").GetString()!));
            }
        });

        var run = Guid.NewGuid().ToString("N")[..8];
        var result = new ConcurrentBag<Pair>();
        await Parallel.ForEachAsync(mentors.Select((m, i) => (m, i)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, cancellationToken) =>
        {
            var (mentor, i) = item;
            using var signUp = await PostAsync(http, "/api/v1/auth/register", null, new
            {
                email = $"chat.{run}.{i}@{BenchAccounts.Domain}", password = BenchAccounts.Password, name = $"Soak Student {i}", role = "student",
                dateOfBirth = "2000-01-15",
            }, cancellationToken);
            var student = new Person(signUp.RootElement.GetProperty("user").GetProperty("id").GetString()!, signUp.RootElement.GetProperty("accessToken").GetString()!);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/conversations") { Content = JsonContent.Create(new { mentorId = mentor.MentorProfileId }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", student.Token);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Approved but not taking students (inactive): not public, so not someone to message.
                return;
            }

            using var conversation = JsonDocument.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken));
            result.Add(new Pair(conversation.RootElement.GetProperty("id").GetString()!, student.UserId, student.Token, mentor.Person.UserId, mentor.Person.Token));
        });

        if (result.Count < pairs)
        {
            throw new BenchException($"Only {result.Count} of {pairs} conversations could be made: generate more mentors (--mentors).");
        }

        return [.. result.Take(pairs)];
    }

    private static async Task<string> TokenAsync(HttpClient http, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(http, path, null, body, cancellationToken);
        return response.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task<JsonDocument> PostAsync(HttpClient http, string path, string? token, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        return await SendAsync(http, request, token, cancellationToken);
    }

    private static async Task<JsonDocument> GetAsync(HttpClient http, string path, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(http, request, token, cancellationToken);
    }

    private static async Task<JsonDocument> SendAsync(HttpClient http, HttpRequestMessage request, string? token, CancellationToken cancellationToken)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        }

        return JsonDocument.Parse(text);
    }
}
