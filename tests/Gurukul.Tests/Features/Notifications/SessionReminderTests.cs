using Gurukul.Features.Accounts;
using Gurukul.Features.Notifications;
using Gurukul.Features.Notifications.Reminders;
using Gurukul.Platform.Data;
using Gurukul.Platform.Mail;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Gurukul.Tests.Features.Notifications;

/// <summary>The reminders engine with a made-up session (bookings will call it the same way), on a clock the test moves.</summary>
public sealed class SessionReminderTests
{
    private static readonly Dictionary<string, string?> FastJobs = new() { ["Jobs:PollInterval"] = "00:00:00.050" };

    [Theory, AllProviders]
    public async Task Reminders_GoOut24HoursOneHourAnd15MinutesBefore_InEachPersonsLanguageAndZone_OnceEach(DatabaseProvider provider)
    {
        var clock = new TestClock();
        await using var app = await GurukulApp.StartAsync(provider, FastJobs, services => services.AddSingleton<IClock>(clock));
        var student = await PersonAsync(app, "en", "Asia/Kolkata");
        var mentor = await PersonAsync(app, "te", "America/New_York");
        var session = new SessionRef("test", Guid.NewGuid().ToString());
        // 3 January 2030, 10:00 in Kolkata (04:30 UTC): far enough for all three reminders.
        var start = Instant.FromUtc(2030, 1, 3, 4, 30);
        clock.Advance(start - Duration.FromDays(2) - clock.GetCurrentInstant());

        await ScheduleAsync(app, session, start, student, mentor);
        clock.Advance(Duration.FromDays(1) + Duration.FromMinutes(1));
        await SentAsync(app, session, offsetMinutes: 1440, count: 2);
        clock.Advance(Duration.FromHours(23) - Duration.FromMinutes(1));
        await SentAsync(app, session, offsetMinutes: 60, count: 2);
        clock.Advance(Duration.FromMinutes(45));
        await SentAsync(app, session, offsetMinutes: 15, count: 2);

        var studentMails = await MailsAsync(app, student);
        var mentorMails = await MailsAsync(app, mentor);
        Assert.Equal(3, studentMails.Count);
        Assert.Equal(3, mentorMails.Count);
        Assert.Equal("Your session with Lakshmi starts in 24 hours", studentMails[0].Subject);
        Assert.Contains("Thursday 3 January, 10:00 (Asia/Kolkata)", studentMails[0].TextBody, StringComparison.Ordinal);
        Assert.Equal("Ravi Tejaతో మీ సెషన్ 1 గంటలో మొదలవుతుంది", mentorMails[1].Subject);
        // The mentor reads the time where they are: 23:30 the evening before in New York.
        Assert.Contains("23:30 (America/New_York)", mentorMails[1].TextBody, StringComparison.Ordinal);
        Assert.All(studentMails.Concat(mentorMails), m => Assert.NotNull(m.ListUnsubscribe));
        Assert.Equal(3, await NotificationsAsync(app, student));
    }

    [Theory, AllProviders]
    public async Task AMovedSession_IsRemindedBeforeItsNewTime_AndACancelledOneNotAtAll(DatabaseProvider provider)
    {
        var clock = new TestClock();
        await using var app = await GurukulApp.StartAsync(provider, FastJobs, services => services.AddSingleton<IClock>(clock));
        var student = await PersonAsync(app, "hi", "Asia/Kolkata");
        var moved = new SessionRef("test", Guid.NewGuid().ToString());
        var cancelled = new SessionRef("test", Guid.NewGuid().ToString());
        var start = clock.GetCurrentInstant() + Duration.FromHours(3);

        await ScheduleAsync(app, moved, start, student);
        await ScheduleAsync(app, cancelled, start, student);
        await ScheduleAsync(app, cancelled, start, student);
        await using (var scope = app.Scope())
        {
            var reminders = scope.ServiceProvider.GetRequiredService<SessionReminders>();
            await reminders.RescheduleAsync(moved, start + Duration.FromHours(2), CancellationToken.None);
            await reminders.CancelAsync(cancelled, CancellationToken.None);
        }

        clock.Advance(Duration.FromHours(2) + Duration.FromMinutes(1));
        // Due now for the first time, the old 1-hour reminder's job finds its time changed and sends nothing.
        clock.Advance(Duration.FromHours(2));
        await SentAsync(app, moved, offsetMinutes: 60, count: 1);
        clock.Advance(Duration.FromMinutes(50));
        await SentAsync(app, moved, offsetMinutes: 15, count: 1);

        var mails = await MailsAsync(app, student);
        Assert.Equal(2, mails.Count);
        Assert.Equal(["Ravi Teja के साथ आपका सत्र 1 घंटे में शुरू होगा", "Ravi Teja के साथ आपका सत्र 15 मिनट में शुरू होगा"], mails.Select(m => m.Subject));
        await using var check = app.Scope();
        var db = check.ServiceProvider.GetRequiredService<GurukulDbContext>();
        Assert.Equal(3, await db.Set<SessionReminder>().CountAsync(r => r.SessionId == cancelled.Id));
        Assert.All(await db.Set<SessionReminder>().Where(r => r.SessionId == cancelled.Id).ToListAsync(), r => Assert.Equal(SessionReminderStatus.Cancelled, r.Status));
    }

    [Theory, AllProviders]
    public async Task TwoNodesOnOneDatabase_SendEveryDueReminderExactlyOnce(DatabaseProvider provider)
    {
        var clock = new TestClock();
        var database = await TestDatabase.CreateAsync(provider);
        try
        {
            await using var nodeA = new GurukulApp(database, FastJobs, services => services.AddSingleton<IClock>(clock), ownsDatabase: false);
            _ = nodeA.Server;
            await using var nodeB = new GurukulApp(database, FastJobs, services => services.AddSingleton<IClock>(clock), ownsDatabase: false);
            _ = nodeB.Server;
            var people = new List<User>();
            for (var i = 0; i < 6; i++)
            {
                people.Add(await PersonAsync(nodeA, "en", "Asia/Kolkata"));
            }

            var start = clock.GetCurrentInstant() + Duration.FromMinutes(70);
            var sessions = Enumerable.Range(0, 10).Select(_ => new SessionRef("test", Guid.NewGuid().ToString())).ToList();
            foreach (var (session, i) in sessions.Select((s, i) => (s, i)))
            {
                await ScheduleAsync(i % 2 == 0 ? nodeA : nodeB, session, start, people[i % 6], people[(i + 1) % 6]);
            }

            clock.Advance(Duration.FromMinutes(11));
            await Poll.UntilAsync(async () => await CountAsync(nodeA, r => r.Status == SessionReminderStatus.Sent) == 20, "all 20 one-hour reminders are sent",
                TimeSpan.FromMinutes(1));

            await using var scope = nodeB.Scope();
            var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
            Assert.Equal(20, await db.Set<OutboxMail>().CountAsync(m => m.Kind == "session.reminder"));
            Assert.Equal(20, await db.Set<Notification>().CountAsync(n => n.Kind == "session.reminder"));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static async Task<User> PersonAsync(GurukulApp app, string locale, string timeZone)
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var email = ApiClient.NewEmail("reminded");
        var user = new User { UserName = email, Email = email, Name = locale == "te" ? "Lakshmi" : "Ravi Teja", Locale = locale, TimeZone = timeZone, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        return user;
    }

    private static async Task ScheduleAsync(GurukulApp app, SessionRef session, Instant start, params User[] people)
    {
        await using var scope = app.Scope();
        // Each person is reminded of the session with the other (or, alone, with "Ravi Teja").
        var participants = people.Select((p, i) => new ReminderRecipient(p.Id, people.Length > 1 ? people[(i + 1) % people.Length].Name : "Ravi Teja")).ToList();
        await scope.ServiceProvider.GetRequiredService<SessionReminders>().ScheduleAsync(session, start, participants, "/sessions/" + session.Id, CancellationToken.None);
    }

    private static Task SentAsync(GurukulApp app, SessionRef session, int offsetMinutes, int count) =>
        Poll.UntilAsync(async () => await CountAsync(app, r => r.SessionId == session.Id && r.OffsetMinutes == offsetMinutes && r.Status == SessionReminderStatus.Sent) == count,
            $"the {offsetMinutes}-minute reminders of {session.Id} are sent");

    private static async Task<int> CountAsync(GurukulApp app, System.Linq.Expressions.Expression<Func<SessionReminder, bool>> which)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<SessionReminder>().CountAsync(which);
    }

    private static async Task<List<OutboxMail>> MailsAsync(GurukulApp app, User person)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<OutboxMail>()
            .Where(m => m.To == person.Email && m.Kind == "session.reminder").OrderBy(m => m.CreatedAt).ToListAsync();
    }

    private static async Task<int> NotificationsAsync(GurukulApp app, User person)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<Notification>().CountAsync(n => n.UserId == person.Id && n.Kind == "session.reminder");
    }
}
