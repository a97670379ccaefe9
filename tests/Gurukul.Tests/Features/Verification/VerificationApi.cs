using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Platform.Mail;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gurukul.Tests.Features.Verification;

/// <summary>A mentor as the tests need one: signed up, with a profile, maybe documents and a submitted application.</summary>
public sealed record TestMentor(string Token, string UserId, string MentorId, string Email);

/// <summary>Drives the verification API as clients do: multipart uploads, submission, staff moves.</summary>
public static class VerificationApi
{
    public const string Documents = "/api/v1/me/mentor-profile/documents";

    public static object Profile() => new
    {
        headline = "NEET Biology mentor · AIIMS Delhi",
        bio = "Ten years of helping Hindi-medium students crack NEET biology with diagrams they can redraw in the exam.",
        company = (string?)null,
        university = "AIIMS Delhi",
        experienceYears = 10,
        expertiseAreas = new[] { "Human physiology", "Exam strategy" },
        subjects = new[] { "neet-ug" },
        studentLevelsServed = new[] { "school" },
        hourlyRate = new { amountMinor = 80000, currency = "INR" },
        primaryLanguage = "hi",
        languagesSpoken = new[] { "en" },
        timezone = "Asia/Kolkata",
        city = "Patna",
        state = "Bihar",
        country = "IN",
    };

    /// <summary>A signed-up mentor with a saved profile (still a draft, no documents).</summary>
    public static async Task<TestMentor> MentorWithProfileAsync(this HttpClient client, string locale = "en")
    {
        var email = ApiClient.NewEmail("mentor");
        var (token, body) = await client.RegisterAsync(email, role: "mentor", locale: locale);
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/mentor-profile") { Content = JsonContent.Create(Profile()) };
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var profile = await (await client.SendAsync(put)).JsonAsync(HttpStatusCode.OK);
        return new TestMentor(token, body.GetProperty("user").GetProperty("id").GetString()!, profile.GetProperty("id").GetString()!, email);
    }

    /// <summary>A mentor whose application (profile and an ID proof) has been submitted: status pending.</summary>
    public static async Task<TestMentor> SubmittedMentorAsync(this HttpClient client, string locale = "en")
    {
        var mentor = await client.MentorWithProfileAsync(locale);
        await (await client.UploadAsync(mentor.Token, SampleFiles.Pdf())).JsonAsync(HttpStatusCode.Created);
        await (await client.PostAsync("/api/v1/me/mentor-profile/submit", new { }, mentor.Token)).JsonAsync(HttpStatusCode.OK);
        return mentor;
    }

    public static async Task<HttpResponseMessage> UploadAsync(
        this HttpClient client, string? token, byte[] bytes, string fileName = "aadhaar.pdf", string? kind = "id_proof", string contentType = "application/pdf")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        if (kind is not null)
        {
            form.Add(new StringContent(kind), "kind");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Documents) { Content = form };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> MoveAsync(this HttpClient client, string token, string mentorId, string status, string? notes = null, string? expectedStatus = null) =>
        client.PostAsync($"/api/v1/admin/mentors/{mentorId}/verification", new { status, notes, expectedStatus }, token);

    /// <summary>Moves an application through several statuses, each move expected to succeed.</summary>
    public static async Task MoveThroughAsync(this HttpClient client, string token, string mentorId, params string[] statuses)
    {
        foreach (var status in statuses)
        {
            await (await client.MoveAsync(token, mentorId, status, "Checked by the test")).JsonAsync(HttpStatusCode.OK);
        }
    }

    public static async Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> VerificationAsync(this HttpClient client, string token) =>
        await (await client.GetAsync("/api/v1/me/mentor-profile/verification", token)).JsonAsync(HttpStatusCode.OK);

    /// <summary>The verification mails sent to <paramref name="to"/>, oldest first (not the sign-up mails).</summary>
    public static async Task<List<OutboxMail>> VerificationMailsToAsync(this GurukulApp app, string to)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<OutboxMail>().AsNoTracking()
            .Where(m => m.To == to && m.Kind.StartsWith("verification.")).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    public static List<string> Strings(this JsonElement array, string property) =>
        [.. array.EnumerateArray().Select(e => e.GetProperty(property).GetString()!)];
}
