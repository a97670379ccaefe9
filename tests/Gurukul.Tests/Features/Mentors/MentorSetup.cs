using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gurukul.Features.Mentors;
using Gurukul.Features.Mentors.Verification;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Gurukul.Tests.Features.Mentors;

/// <summary>Mentors as the public profile tests need them: signed up through the API, then moved through the real workflow.</summary>
internal static class MentorSetup
{
    public sealed record Mentor(string Token, Guid Id, string Slug);

    /// <summary>A mentor named <paramref name="name"/> with a saved profile, in <paramref name="status"/> (approved by default).</summary>
    public static async Task<Mentor> CreateAsync(GurukulApp app, HttpClient client, string name,
        VerificationStatus status = VerificationStatus.Approved, bool active = true, string? bio = null)
    {
        var registered = await (await client.PostAsync("/api/v1/auth/register", new
        {
            email = ApiClient.NewEmail("mentor"), password = ApiClient.Password, name, role = "mentor", dateOfBirth = "1990-04-02",
        })).JsonAsync(HttpStatusCode.Created);
        var token = registered.GetProperty("accessToken").GetString()!;
        var profile = await (await SendAsync(client, HttpMethod.Put, "/api/v1/me/mentor-profile", token, Profile(bio))).JsonAsync(HttpStatusCode.OK);
        var id = Guid.Parse(profile.GetProperty("id").GetString()!);
        await MoveToAsync(app, id, status, active);
        return new Mentor(token, id, profile.GetProperty("slug").GetString()!);
    }

    public static Task<HttpResponseMessage> ChangeSlugAsync(HttpClient client, string token, string? slug) =>
        SendAsync(client, HttpMethod.Put, "/api/v1/me/mentor-profile/slug", token, new { slug });

    /// <summary>Walks the application along the workflow's own allowed moves (shortest path) to <paramref name="target"/>.</summary>
    public static async Task MoveToAsync(GurukulApp app, Guid mentorId, VerificationStatus target, bool active = true)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        var profile = await db.MentorProfiles.SingleAsync(m => m.Id == mentorId);
        foreach (var step in PathTo(profile.VerificationStatus, target))
        {
            var actor = step == VerificationStatus.Pending ? VerificationActor.Mentor : VerificationActor.Admin;
            db.Add(profile.MoveVerification(step, actor, null, "test", SystemClock.Instance.GetCurrentInstant()));
        }

        profile.IsActive = active;
        await db.SaveChangesAsync();
    }

    public static object Profile(string? bio = null) => new
    {
        headline = "Chemistry mentor for NEET · Organic made visual",
        bio = bio ?? "I draw every mechanism before naming it.\nTwelve years of NEET chemistry in Hyderabad.",
        company = "Narayana Junior College",
        university = "University of Hyderabad",
        experienceYears = 12,
        expertiseAreas = new[] { "Organic reaction mechanisms", "NEET chemistry" },
        subjects = new[] { "neet-ug", "school-chemistry" },
        studentLevelsServed = new[] { "school", "college" },
        hourlyRate = new { amountMinor = 75000, currency = "INR" },
        primaryLanguage = "te",
        languagesSpoken = new[] { "en", "hi" },
        timezone = "Asia/Kolkata",
        city = "Hyderabad",
        state = "Telangana",
        country = "IN",
    };

    private static List<VerificationStatus> PathTo(VerificationStatus from, VerificationStatus target)
    {
        var previous = new Dictionary<VerificationStatus, VerificationStatus> { [from] = from };
        var queue = new Queue<VerificationStatus>([from]);
        while (queue.TryDequeue(out var current) && current != target)
        {
            foreach (var next in VerificationWorkflow.NextFrom(current).Where(n => !previous.ContainsKey(n)))
            {
                previous[next] = current;
                queue.Enqueue(next);
            }
        }

        var path = new List<VerificationStatus>();
        for (var step = target; step != from; step = previous[step])
        {
            path.Insert(0, step);
        }

        return path;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
