using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Tests.Features.Mentors;
using Gurukul.Tests.Infrastructure;

namespace Gurukul.Tests.Features.Messaging;

/// <summary>People and conversations as the messaging tests need them, made through the API.</summary>
internal static class ChatSetup
{
    public sealed record Person(string Token, string UserId);

    public sealed record MentorPerson(string Token, string UserId, Guid MentorId);

    /// <summary>A student, adult by default; <paramref name="minor"/> makes them 17 (under 18, old enough to need no consent).</summary>
    public static async Task<Person> StudentAsync(HttpClient client, bool minor = false, string locale = "en")
    {
        var birth = minor ? DateTime.UtcNow.AddYears(-17).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "2000-01-15";
        var (token, body) = await client.RegisterAsync(ApiClient.NewEmail("student"), dateOfBirth: birth, locale: locale);
        return new Person(token, body.GetProperty("user").GetProperty("id").GetString()!);
    }

    public static async Task<MentorPerson> MentorAsync(GurukulApp app, HttpClient client)
    {
        var mentor = await MentorSetup.CreateAsync(app, client, "Lakshmi Prasanna Reddy");
        var me = await (await client.GetAsync("/api/v1/me", mentor.Token)).JsonAsync(HttpStatusCode.OK);
        return new MentorPerson(mentor.Token, me.GetProperty("id").GetString()!, mentor.Id);
    }

    public static async Task<string> OpenAsync(HttpClient client, Person student, MentorPerson mentor)
    {
        var response = await client.PostAsync("/api/v1/conversations", new { mentorId = mentor.MentorId }, student.Token);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string conversationId, string body, Guid? clientId = null, string[]? attachmentIds = null) =>
        client.PostAsync($"/api/v1/conversations/{conversationId}/messages", new { clientId = clientId ?? Guid.NewGuid(), body, attachmentIds }, token);

    public static async Task<JsonElement> SendAsync(HttpClient client, string token, string conversationId, string body) =>
        await (await PostAsync(client, token, conversationId, body)).JsonAsync(HttpStatusCode.Created);

    public static async Task<JsonElement> MessagesAsync(HttpClient client, string token, string conversationId) =>
        await (await client.GetAsync($"/api/v1/conversations/{conversationId}/messages", token)).JsonAsync(HttpStatusCode.OK);

    public static async Task<HttpResponseMessage> SendWithAsync(HttpClient client, HttpMethod method, string path, string token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
