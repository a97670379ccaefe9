using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;
using Gurukul.Features.Mentors.Verification;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Gurukul.BrowserTests;

/// <summary>
/// Mentors in a given state for the application journeys and scans: signed up and given a profile and documents through the
/// real API, moved by the Gurukul team through the real verification service.
/// </summary>
internal static class MentorApplicationSetup
{
    public const string Password = "correct-horse-battery";

    public sealed record Mentor(string Email, string UserId, string Token);

    /// <summary>A mentor with a saved draft profile and, when <paramref name="documentName"/> is given, an ID proof.</summary>
    public static async Task<Mentor> MentorAsync(BrowserFixture browser, string locale = "en", string? documentName = "aadhaar.pdf")
    {
        using var api = new HttpClient { BaseAddress = browser.BaseAddress };
        var email = $"mentor.{Guid.NewGuid():N}@example.com";
        var registered = await ReadAsync(await api.PostAsJsonAsync("/api/v1/auth/register", new
        {
            email, password = Password, name = "Lakshmi Narayanan", role = "mentor", locale,
        }));
        var mentor = new Mentor(email, registered.GetProperty("user").GetProperty("id").GetString()!, registered.GetProperty("accessToken").GetString()!);
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/mentor-profile") { Content = JsonContent.Create(Profile()) })
        {
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mentor.Token);
            await ReadAsync(await api.SendAsync(put));
        }

        if (documentName is not null)
        {
            using var form = new MultipartFormDataContent { { new StringContent("id_proof"), "kind" } };
            var file = new ByteArrayContent(SampleFiles.Pdf());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", documentName);
            using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/mentor-profile/documents") { Content = form };
            upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mentor.Token);
            await ReadAsync(await api.SendAsync(upload));
        }

        return mentor;
    }

    public static async Task SubmitAsync(BrowserFixture browser, Mentor mentor)
    {
        using var api = new HttpClient { BaseAddress = browser.BaseAddress };
        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/mentor-profile/submit") { Content = JsonContent.Create(new { }) };
        submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mentor.Token);
        await ReadAsync(await api.SendAsync(submit));
    }

    /// <summary>An admin of the Gurukul team moves the mentor's application, as the staff queue does.</summary>
    public static async Task MoveAsync(BrowserFixture browser, string mentorEmail, string status, string? notes)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var adminEmail = $"reviewer.{Guid.NewGuid():N}@example.com";
        var admin = new User { UserName = adminEmail, Email = adminEmail, Name = "Reviewer", EmailConfirmed = true };
        Assert.True((await users.CreateAsync(admin, "a long enough password")).Succeeded);
        Assert.True((await users.AddToRoleAsync(admin, Roles.Admin)).Succeeded);
        var verification = scope.ServiceProvider.GetRequiredService<MentorVerificationService>();
        var mentorId = await verification.FindMentorIdAsync((await users.FindByEmailAsync(mentorEmail))!.Id, CancellationToken.None);
        await verification.MoveAsync(new StaffMember(admin.Id, VerificationActor.Admin), mentorId!.Value.ToString(),
            new VerificationMoveRequest(status, notes, null), new ClientInfo("127.0.0.1", "browser test"), browser.BaseAddress.ToString().TrimEnd('/'),
            CancellationToken.None);
    }

    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ToBeAtAsync("/account");
    }

    private static object Profile() => new
    {
        headline = "Mathematics mentor · JEE and Class 12 boards",
        bio = "Twenty years of teaching calculus in Chennai, in Tamil and English.\nI start every topic from a picture.",
        company = "Chennai Mathematical Institute",
        university = "University of Madras",
        experienceYears = 20,
        expertiseAreas = new[] { "Calculus", "Exam strategy" },
        subjects = new[] { "jee-main", "school-mathematics" },
        studentLevelsServed = new[] { "school", "college" },
        hourlyRate = new { amountMinor = 90000, currency = "INR" },
        primaryLanguage = "ta",
        languagesSpoken = new[] { "en", "te" },
        timezone = "Asia/Kolkata",
        city = "Chennai",
        state = "Tamil Nadu",
        country = "IN",
    };

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
