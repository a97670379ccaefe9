using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gurukul.Features.Mentors;
using Gurukul.Features.Mentors.Verification;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Gurukul.BrowserTests;

/// <summary>Mentors for the scheduling journeys: signed up and given a profile through the API, approved, with hours set through the API.</summary>
internal static class SchedulingSetup
{
    public sealed record PublicMentor(string Email, string Slug, string Token);

    /// <summary>
    /// An approved mentor with <paramref name="availability"/> (an API body; none when null).
    /// Approval walks the workflow's own steps on the entity, as the staff queue would.
    /// </summary>
    public static async Task<PublicMentor> PublicMentorAsync(BrowserFixture browser, string name, object? availability)
    {
        var mentor = await MentorApplicationSetup.MentorAsync(browser, documentName: null);
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
            var profile = await db.MentorProfiles.SingleAsync(m => m.UserId == mentor.UserId);
            var user = await db.Users.SingleAsync(u => u.Id == mentor.UserId);
            user.Name = name;
            var at = SystemClock.Instance.GetCurrentInstant();
            foreach (var (to, actor) in new[]
            {
                (VerificationStatus.Pending, VerificationActor.Mentor), (VerificationStatus.DocumentsUnderReview, VerificationActor.Admin),
                (VerificationStatus.BackgroundCheckInProgress, VerificationActor.Admin), (VerificationStatus.Approved, VerificationActor.Admin),
            })
            {
                db.Add(profile.MoveVerification(to, actor, null, "browser test", at));
            }

            await db.SaveChangesAsync();
        }

        if (availability is not null)
        {
            using var api = new HttpClient { BaseAddress = browser.BaseAddress };
            using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/availability") { Content = JsonContent.Create(availability) };
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mentor.Token);
            var response = await api.SendAsync(put);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        await using var read = browser.App.Services.CreateAsyncScope();
        var slug = await read.ServiceProvider.GetRequiredService<GurukulDbContext>().MentorProfiles
            .Where(m => m.UserId == mentor.UserId).Select(m => m.Slug).SingleAsync();
        return new PublicMentor(mentor.Email, slug, mentor.Token);
    }

    public static object EveryDay(string timezone, string start, string end) => new
    {
        timezone,
        weekly = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(day => new { day, start, end }),
        overrides = Array.Empty<object>(),
        durations = new[] { 60 },
        bufferMinutes = 0,
        minNoticeMinutes = 0,
        horizonDays = 60,
    };

}
