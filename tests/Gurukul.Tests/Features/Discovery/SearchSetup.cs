using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Mentors;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gurukul.Tests.Features.Discovery;

/// <summary>A mentor profile as PUT /api/v1/me/mentor-profile takes it; tests change what they search by.</summary>
internal sealed class ProfileBody
{
    public string Headline { get; set; } = "Mentor for board exams";
    public string Bio { get; set; } = "I explain each topic with an example first.";
    public int ExperienceYears { get; set; } = 5;
    public List<string> ExpertiseAreas { get; set; } = ["Exam strategy"];
    public List<string> Subjects { get; set; } = ["school-chemistry"];
    public List<string> StudentLevelsServed { get; set; } = ["school"];
    public MoneyBody HourlyRate { get; set; } = new(60000, "INR");
    public string PrimaryLanguage { get; set; } = "en";
    public List<string> LanguagesSpoken { get; set; } = [];
    public string Timezone { get; set; } = "Asia/Kolkata";
    public string? City { get; set; } = "Hyderabad";
    public string? State { get; set; } = "Telangana";
    public string Country { get; set; } = "IN";
}

internal sealed record MoneyBody(long AmountMinor, string Currency);

/// <summary>Mentors made through the API and the real workflow, and searches sent as a client would.</summary>
internal static class SearchSetup
{
    /// <summary>
    /// A word no demo mentor and no other test uses (letters only, so it is one word to every index): put it in the
    /// bio of a test's mentors and search for it to see exactly those mentors.
    /// </summary>
    public static string Marker() => "zq" + new string([.. Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8)]).PadRight(8, 'x');

    public static async Task<MentorSetup.Mentor> CreateAsync(GurukulApp app, HttpClient client, string name, Action<ProfileBody>? edit = null,
        VerificationStatus status = VerificationStatus.Approved, bool active = true, decimal rating = 0, int ratingCount = 0)
    {
        var registered = await (await client.PostAsync("/api/v1/auth/register", new
        {
            email = ApiClient.NewEmail("mentor"), password = ApiClient.Password, name, role = "mentor", dateOfBirth = "1988-06-15",
        })).JsonAsync(HttpStatusCode.Created);
        var token = registered.GetProperty("accessToken").GetString()!;
        var body = new ProfileBody();
        edit?.Invoke(body);
        var profile = await (await PutProfileAsync(client, token, body)).JsonAsync(HttpStatusCode.OK);
        var id = Guid.Parse(profile.GetProperty("id").GetString()!);
        await MentorSetup.MoveToAsync(app, id, status, active);
        if (ratingCount > 0)
        {
            await using var scope = app.Scope();
            var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
            var saved = await db.MentorProfiles.SingleAsync(m => m.Id == id);
            saved.RatingAverage = rating;
            saved.RatingCount = ratingCount;
            await db.SaveChangesAsync();
        }

        return new MentorSetup.Mentor(token, id, profile.GetProperty("slug").GetString()!);
    }

    /// <summary>
    /// An approved mentor written straight to the database (no sign-up, no password hashing): for tests that add many
    /// mentors while they page. The search index follows such writes as it follows the API's (ADR 0014).
    /// </summary>
    public static async Task<string> InsertApprovedAsync(GurukulApp app, string name, string bio, long rateMinor, int experience, decimal rating)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        var user = new Gurukul.Features.Accounts.User { UserName = ApiClient.NewEmail("inserted"), Name = name };
        var slug = "inserted-" + Guid.NewGuid().ToString("N");
        var profile = new MentorProfile
        {
            UserId = user.Id, Slug = slug, Headline = "Inserted while paging", Bio = bio, ExperienceYears = experience,
            HourlyRate = new Gurukul.Platform.Money(rateMinor, "INR"), PrimaryLanguage = "en", TimeZone = "Asia/Kolkata", Country = "IN",
            RatingAverage = rating, RatingCount = rating > 0 ? 3 : 0, StudentLevelsServed = StudentLevels.School,
            Subjects = [new MentorSubject { SubjectSlug = "school-chemistry" }], Languages = [new MentorLanguage { LanguageCode = "en" }],
        };
        db.Users.Add(user);
        db.MentorProfiles.Add(profile);
        foreach (var step in new[] { VerificationStatus.Pending, VerificationStatus.DocumentsUnderReview, VerificationStatus.BackgroundCheckInProgress, VerificationStatus.Approved })
        {
            db.Add(profile.MoveVerification(step, step == VerificationStatus.Pending ? Gurukul.Features.Mentors.Verification.VerificationActor.Mentor
                : Gurukul.Features.Mentors.Verification.VerificationActor.Admin, null, "test", NodaTime.SystemClock.Instance.GetCurrentInstant()));
        }

        await db.SaveChangesAsync();
        return slug;
    }

    public static async Task<HttpResponseMessage> PutProfileAsync(HttpClient client, string token, ProfileBody body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/mentor-profile") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    /// <summary>GET /api/v1/mentors (or <paramref name="path"/>) with these parameters, expecting <paramref name="status"/>.</summary>
    public static async Task<JsonElement> GetAsync(HttpClient client, string query, HttpStatusCode status = HttpStatusCode.OK, string path = "/api/v1/mentors") =>
        await (await client.GetAsync(new Uri(path + (query.Length == 0 ? "" : "?" + query), UriKind.Relative))).JsonAsync(status);

    /// <summary>The slugs of a page, in order.</summary>
    public static List<string> Slugs(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("slug").GetString()!)];

    public static string Q(string text) => "q=" + Uri.EscapeDataString(text);
}
