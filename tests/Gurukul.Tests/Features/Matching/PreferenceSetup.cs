using System.Net;
using System.Text.Json;
using Gurukul.Features.Matching;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Discovery;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gurukul.Tests.Features.Matching;

/// <summary>Students and mentors for the preference tests, and the calls a client makes.</summary>
internal static class PreferenceSetup
{
    public sealed record Student(string Token, string UserId, string Email);

    public static async Task<Student> StudentAsync(HttpClient client, string locale = "en")
    {
        var email = ApiClient.NewEmail("student");
        var (token, body) = await client.RegisterAsync(email, locale: locale);
        return new Student(token, body.GetProperty("user").GetProperty("id").GetString()!, email);
    }

    /// <summary>An approved, active mentor written straight to the database; returns its id and slug.</summary>
    public static async Task<(Guid Id, string Slug)> MentorAsync(GurukulApp app, string name = "Lakshmi Reddy")
    {
        var slug = await SearchSetup.InsertApprovedAsync(app, name, "Physics with experiments at home.", 50000, 6, 4.5m);
        await using var scope = app.Scope();
        var id = await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().MentorProfiles.Where(m => m.Slug == slug).Select(m => m.Id).SingleAsync();
        return (id, slug);
    }

    public static Task<HttpResponseMessage> SetAsync(HttpClient client, string token, object mentorId, string? action) =>
        client.PostAsync($"/api/v1/me/mentor-preferences/{mentorId}", new { action }, token);

    public static async Task SetOkAsync(HttpClient client, string token, Guid mentorId, string action) =>
        await (await SetAsync(client, token, mentorId, action)).JsonAsync(HttpStatusCode.NoContent);

    public static async Task<JsonElement> ListAsync(HttpClient client, string token, string query = "", HttpStatusCode status = HttpStatusCode.OK) =>
        await (await client.GetAsync("/api/v1/me/mentor-preferences" + (query.Length == 0 ? "" : "?" + query), token)).JsonAsync(status);

    public static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];

    /// <summary>The stored row, or null.</summary>
    public static async Task<MentorPreference?> RowAsync(GurukulApp app, string studentUserId, Guid mentorId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<MentorPreference>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.StudentUserId == studentUserId && p.MentorId == mentorId);
    }
}
