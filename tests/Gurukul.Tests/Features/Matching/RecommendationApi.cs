using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Tests.Infrastructure;

namespace Gurukul.Tests.Features.Matching;

/// <summary>A student profile as PUT /api/v1/me/student-profile takes it; tests change what they match on.</summary>
internal sealed class StudentBody
{
    public string AcademicLevel { get; set; } = "school";
    public object? School { get; set; } = new
    {
        schoolName = "ZP High School, Gudivada", board = "bseap", classGrade = 11, stream = "MPC",
        subjects = new[] { "school-physics", "school-chemistry", "school-mathematics" },
    };
    public object? College { get; set; }
    public string PrimaryLanguage { get; set; } = "te";
    public List<string> LanguagesSpoken { get; set; } = ["en"];
    public string FieldOfStudy { get; set; } = "Science";
    public List<string> CareerGoals { get; set; } = ["JEE Advanced"];
    public List<string> Interests { get; set; } = ["Cricket"];
    public List<string> Challenges { get; set; } = ["Time management"];
    public string City { get; set; } = "Gudivada";
    public string State { get; set; } = "Andhra Pradesh";
    public string Country { get; set; } = "IN";
    public string Timezone { get; set; } = "Asia/Kolkata";
}

internal static class RecommendationApi
{
    /// <summary>A student with a saved profile (changed by <paramref name="edit"/>); returns their token and user id.</summary>
    public static async Task<(string Token, string UserId)> StudentAsync(HttpClient client, Action<StudentBody>? edit = null)
    {
        var (token, body) = await client.RegisterAsync(ApiClient.NewEmail("student"));
        var profile = new StudentBody();
        edit?.Invoke(profile);
        await (await PutProfileAsync(client, token, profile)).JsonAsync(HttpStatusCode.OK);
        return (token, body.GetProperty("user").GetProperty("id").GetString()!);
    }

    public static async Task<HttpResponseMessage> PutProfileAsync(HttpClient client, string token, StudentBody profile)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/student-profile") { Content = JsonContent.Create(profile) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string token, string query = "limit=50", string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/recommendations/mentors?" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await client.SendAsync(request);
    }

    public static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string token, string? language = null) =>
        [.. (await (await GetAsync(client, token, language: language)).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    public static int RankOf(List<JsonElement> items, Guid mentorId) =>
        items.FindIndex(i => i.GetProperty("mentor").GetProperty("id").GetString() == mentorId.ToString());
}
