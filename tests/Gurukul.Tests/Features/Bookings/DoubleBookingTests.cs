using System.Net;
using Gurukul.Features.Bookings;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;
using static Gurukul.Tests.Features.Bookings.BookingsApi;

namespace Gurukul.Tests.Features.Bookings;

/// <summary>No double booking, ever: concurrent requests for overlapping times, and the database's own rule under the app.</summary>
public sealed class DoubleBookingTests(BookingsFixture fixture) : IClassFixture<BookingsFixture>
{
    private const int Attempts = 24;

    [Theory, AllProviders]
    public async Task ConcurrentPosts_ForOverlappingTimes_BookExactlyOne_AndEveryOtherIsA409(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client, bufferMinutes: 15);
        var students = await Task.WhenAll(Enumerable.Range(0, Attempts).Select(_ => StudentAsync(app.CreateClient())));
        var start = HourAfter(fixture.Clock, Duration.FromDays(2));

        // Half ask for the hour, half for the hour starting 30 minutes later: every pair overlaps.
        using var go = new SemaphoreSlim(0);
        var attempts = students.Select((student, i) => Task.Run(async () =>
        {
            await go.WaitAsync();
            using var response = await BookAsync(app.CreateClient(), student.Token, Request(mentor.Id, start + Duration.FromMinutes(i % 2 * 30)));
            return response.StatusCode;
        })).ToList();
        go.Release(Attempts);
        var statuses = await Task.WhenAll(attempts);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(Attempts - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Single(await OccupyingAsync(app, mentor.Id));
    }

    [Theory, AllProviders]
    public async Task Database_RefusesAnOverlappingBooking_WrittenPastTheApp_IncludingTheBuffer(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var mentor = await MentorAsync(app, client, bufferMinutes: 15);
        var student = await StudentAsync(client);
        var mentorUserId = await Payments.TestPurchases.WithAsync(app, s => s.GetRequiredService<GurukulDbContext>().MentorProfiles.Where(m => m.Id == mentor.Id).Select(m => m.UserId).SingleAsync());
        var start = HourAfter(fixture.Clock, Duration.FromDays(2));
        await InsertAsync(app, Hold(mentor.Id, mentorUserId, student.Id, start));

        // Starting at the end of the first session leaves no room for its 15-minute buffer.
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => InsertAsync(app, Hold(mentor.Id, mentorUserId, student.Id, start + Duration.FromHours(1))));
        Assert.True(DbErrors.IsRefusedBy(refused, BookingWrites.NoOverlapRule), refused.InnerException?.Message);

        // After the buffer it fits; and an expired hold blocks nothing.
        await InsertAsync(app, Hold(mentor.Id, mentorUserId, student.Id, start + Duration.FromMinutes(75)));
        var lapsed = Hold(mentor.Id, mentorUserId, student.Id, start - Duration.FromHours(3), fixture.Clock.GetCurrentInstant() - Duration.FromMinutes(11));
        Assert.True(lapsed.Expire(fixture.Clock.GetCurrentInstant()));
        await InsertAsync(app, lapsed);
        await InsertAsync(app, Hold(mentor.Id, mentorUserId, student.Id, start - Duration.FromHours(3)));
        Assert.Equal(3, (await OccupyingAsync(app, mentor.Id)).Count);
    }

    private Booking Hold(Guid mentorId, string mentorUserId, string studentId, Instant start, Instant? now = null) => Booking.Hold(
        mentorId, mentorUserId, studentId, start, 60, 15, SessionType.ExamPrep, "en", new Money(HourlyRate, "INR"), null,
        new Questionnaire("Revision", [], null, null), now ?? fixture.Clock.GetCurrentInstant());

    private static async Task InsertAsync(GurukulApp app, Booking booking)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        db.Add(booking);
        await db.SaveChangesAsync();
    }
}
