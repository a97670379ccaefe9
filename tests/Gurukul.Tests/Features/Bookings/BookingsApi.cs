using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Features.Bookings;
using Gurukul.Features.Ledger;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Mentors;
using Gurukul.Tests.Features.Payments;
using Gurukul.Tests.Features.Scheduling;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;
using NodaTime.Text;

namespace Gurukul.Tests.Features.Bookings;

/// <summary>
/// One app per database for a test class: the sandbox provider, a clock the test moves (policy windows, holds, the end of a
/// session), booking limits out of the way and jobs polled often (the hold expiry job).
/// </summary>
public sealed class BookingsFixture : PaymentsFixture
{
    public FakeClock Clock { get; } = new(SystemClock.Instance.GetCurrentInstant());

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Bookings:CreateLimit"] = "100000";
        return settings;
    }

    protected override void Services(IServiceCollection services)
    {
        base.Services(services);
        services.Replace(ServiceDescriptor.Singleton<IClock>(Clock));
    }
}

/// <summary>Bookings as a client drives them: mentors open every hour of every day (UTC), students booking and paying.</summary>
internal static class BookingsApi
{
    /// <summary>The mentor's hourly rate (<see cref="MentorSetup.Profile"/>): a 60-minute session costs this.</summary>
    public const long HourlyRate = 75000;

    /// <summary>An approved mentor open all day every day in UTC for 60-minute sessions, no notice, with <paramref name="bufferMinutes"/>.</summary>
    public static Task<MentorSetup.Mentor> MentorAsync(GurukulApp app, HttpClient client, int bufferMinutes = 0, int[]? durations = null) =>
        SchedulingApi.MentorWithAsync(app, client, SchedulingApi.Availability(
            "UTC", SchedulingApi.EveryDay("00:00", "24:00"), durations: durations ?? [60], bufferMinutes: bufferMinutes), "Ravi Kumar");

    public static async Task<(string Id, string Token, string Email)> StudentAsync(
        HttpClient client, string? dateOfBirth = "2000-01-15", string? guardianEmail = null)
    {
        var email = ApiClient.NewEmail("student");
        var (token, body) = await client.RegisterAsync(email, dateOfBirth: dateOfBirth, guardianEmail: guardianEmail);
        return (body.GetProperty("user").GetProperty("id").GetString()!, token, email);
    }

    /// <summary>The first whole UTC hour at least <paramref name="ahead"/> after the clock's now: always a slot of these mentors.</summary>
    public static Instant HourAfter(IClock clock, Duration ahead)
    {
        var at = clock.GetCurrentInstant() + ahead;
        var hour = Instant.FromUnixTimeSeconds((at.ToUnixTimeSeconds() + 3599) / 3600 * 3600);
        return hour;
    }

    public static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static object Request(Guid mentorId, Instant start, int durationMinutes = 60, string sessionLanguage = "en", string? purpose = "Organic chemistry for NEET",
        string sessionType = "exam_prep", string? couponCode = null) => new
    {
        mentorId, start = Iso(start), durationMinutes, sessionType, sessionLanguage,
        questionnaire = new { purpose, questions = new[] { "How do I remember named reactions?" }, challenges = "Mechanisms", expectedOutcome = "A study plan" },
        couponCode,
    };

    public static Task<HttpResponseMessage> BookAsync(HttpClient client, string token, object request, string? key = null) =>
        SendAsync(client, HttpMethod.Post, "/api/v1/bookings", token, request, key);

    /// <summary>Holds the slot at <paramref name="start"/> for the student: the 201 body.</summary>
    public static async Task<JsonElement> HoldAsync(HttpClient client, string token, Guid mentorId, Instant start) =>
        await (await BookAsync(client, token, Request(mentorId, start))).JsonAsync(HttpStatusCode.Created);

    /// <summary>Holds the slot and pays for it in the sandbox: the confirmed booking.</summary>
    public static async Task<JsonElement> BookedAsync(HttpClient client, string token, Guid mentorId, Instant start)
    {
        var held = await HoldAsync(client, token, mentorId, start);
        await PayAsync(client, token, held);
        return await GetAsync(client, token, Id(held));
    }

    public static async Task PayAsync(HttpClient client, string token, JsonElement booking, string outcome = "succeeded") =>
        await (await SendAsync(client, HttpMethod.Post, $"/api/v1/payments/{booking.GetProperty("payment").GetProperty("id").GetString()}/sandbox", token,
            new { outcome })).JsonAsync(HttpStatusCode.OK);

    public static async Task<JsonElement> GetAsync(HttpClient client, string token, string bookingId) =>
        await (await client.GetAsync($"/api/v1/bookings/{bookingId}", token)).JsonAsync(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string bookingId, string action, object body, string? key = null) =>
        SendAsync(client, HttpMethod.Post, $"/api/v1/bookings/{bookingId}/{action}", token, body, key);

    public static string Id(JsonElement booking) => booking.GetProperty("id").GetString()!;

    public static string Status(JsonElement booking) => booking.GetProperty("status").GetString()!;

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string token, object? body, string? key = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A fresh access token for the user (after the test moved the clock past the hour an access token lasts).</summary>
    public static async Task<string> SignInAgainAsync(GurukulApp app, HttpClient client, string userId)
    {
        var email = await TestPurchases.WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync());
        var login = await (await client.PostAsync("/api/v1/auth/login", new { email, password = ApiClient.Password })).JsonAsync(HttpStatusCode.OK);
        return login.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A party's balance of one ledger account (credit-normal accounts positive).</summary>
    public static Task<long> BalanceAsync(GurukulApp app, LedgerAccount account, string partyId) =>
        TestPurchases.WithAsync(app, s => s.GetRequiredService<LedgerService>().BalanceAsync(account, partyId, "INR", CancellationToken.None));

    public static Task<Booking> RowAsync(GurukulApp app, string bookingId) =>
        TestPurchases.WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Booking>().AsNoTracking().SingleAsync(b => b.Id == Guid.Parse(bookingId)));

    /// <summary>Bookings of the mentor that occupy time in the database's sense (pending or confirmed).</summary>
    public static Task<List<Booking>> OccupyingAsync(GurukulApp app, Guid mentorId) =>
        TestPurchases.WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().Set<Booking>().AsNoTracking()
            .Where(b => b.MentorId == mentorId && (b.Status == BookingStatus.PendingPayment || b.Status == BookingStatus.Confirmed)).ToListAsync());

    public static Task<bool> LedgerBalancedAsync(GurukulApp app) =>
        TestPurchases.WithAsync(app, async s => (await s.GetRequiredService<LedgerService>().CheckAsync(CancellationToken.None)).Balanced);
}
