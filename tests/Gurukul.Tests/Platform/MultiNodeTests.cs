using System.Diagnostics;
using System.Globalization;
using System.Net;
using Gurukul.Features.Notifications;
using Gurukul.Features.Notifications.Reminders;
using Gurukul.Platform.Data;
using Gurukul.Platform.Mail;
using Gurukul.Tests.Features.Messaging;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;
using Xunit.Abstractions;

namespace Gurukul.Tests.Platform;

/// <summary>
/// Gurukul as an operator runs several nodes: two app processes on one PostgreSQL (ARCHITECTURE §4). A message posted on
/// node A reaches an event-stream client of node B, and a reminder falling due while both run jobs is sent exactly once. On
/// the embedded default (SQLite) the same scenario runs on its one node. A third, in-process app on the same database
/// (running no jobs) sets up people and schedules the reminder, as another node would.
/// </summary>
public sealed class MultiNodeTests(ITestOutputHelper output)
{
    [Theory, AllProviders]
    public async Task AMessagePostedOnOneNode_ReachesAStreamOnTheOther_AndADueReminderIsSentExactlyOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpServer.StartAsync();
        await using var setup = new GurukulApp(database, new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" }, ownsDatabase: false);
        var client = setup.CreateClient();
        var student = await ChatSetup.StudentAsync(client);
        var mentor = await ChatSetup.MentorAsync(setup, client);
        var conversation = await ChatSetup.OpenAsync(client, student, mentor);

        var environment = new Dictionary<string, string>
        {
            [provider == DatabaseProvider.Postgres ? "ConnectionStrings__Postgres" : "ConnectionStrings__Sqlite"] = database.ConnectionString,
            ["Jobs__PollInterval"] = "00:00:00.200",
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        };
        await using var nodeA = await AppProcess.StartAsync(environment);
        await using var nodeB = provider == DatabaseProvider.Postgres ? await AppProcess.StartAsync(environment) : null;
        using var atA = new HttpClient { BaseAddress = nodeA.Address };
        using var atB = new HttpClient { BaseAddress = (nodeB ?? nodeA).Address };

        await using var stream = await EventStreamClient.ConnectAsync(atB, mentor.Token);
        var clock = Stopwatch.StartNew();
        var sent = await (await ChatSetup.PostAsync(atA, student.Token, conversation, "Posted on node A")).JsonAsync(HttpStatusCode.Created);
        var received = await stream.NextAsync("message", m => m.GetProperty("id").GetString() == sent.GetProperty("id").GetString());
        output.WriteLine($"{provider}: posted on {nodeA.Address}, received on {(nodeB ?? nodeA).Address} after {clock.ElapsedMilliseconds} ms");
        Assert.Equal("Posted on node A", received.Json.GetProperty("body").GetString());

        var session = new SessionRef("multinode", Guid.NewGuid().ToString());
        await using (var scope = setup.Scope())
        {
            // The one-hour reminder falls due three seconds from now, while both nodes run jobs.
            var start = SystemClock.Instance.GetCurrentInstant() + Duration.FromHours(1) + Duration.FromSeconds(3);
            await scope.ServiceProvider.GetRequiredService<SessionReminders>().ScheduleAsync(session, start,
                [new ReminderRecipient(student.UserId, "Lakshmi Prasanna Reddy"), new ReminderRecipient(mentor.UserId, "Asha Rao")],
                "/sessions/" + session.Id, CancellationToken.None);
        }

        await Poll.UntilAsync(async () => await CountAsync<SessionReminder>(setup, r => r.SessionId == session.Id && r.Status == SessionReminderStatus.Sent) == 2,
            "both one-hour reminders are sent", TimeSpan.FromMinutes(1));
        // Long enough for a second node, or a retried job, to send one again if anything let it.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(2, await CountAsync<OutboxMail>(setup, m => m.Kind == "session.reminder"));
        // And on the wire: the SMTP server received one reminder for each person, not one per node.
        await Poll.UntilAsync(async () => await CountAsync<OutboxMail>(setup, m => m.Kind == "session.reminder" && m.Status == OutboxMailStatus.Sent) == 2,
            "both reminder mails are handed to the SMTP server", TimeSpan.FromSeconds(30));
        var delivered = smtp.Received().Where(m => m.Text?.Contains("/sessions/" + session.Id, StringComparison.Ordinal) == true).ToList();
        Assert.Equal(await EmailsAsync(setup, student.UserId, mentor.UserId), delivered.Select(m => m.To).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(2, await CountAsync<Notification>(setup, n => n.Kind == "session.reminder"));
        Assert.Equal(1, await CountAsync<Notification>(setup, n => n.Kind == "session.reminder" && n.UserId == mentor.UserId));
    }

    private static async Task<string[]> EmailsAsync(GurukulApp app, params string[] userIds)
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Users;
        return [.. (await users.Where(u => userIds.Contains(u.Id)).Select(u => u.Email!).ToListAsync()).Order(StringComparer.Ordinal)];
    }

    private static async Task<int> CountAsync<T>(GurukulApp app, System.Linq.Expressions.Expression<Func<T, bool>> which)
        where T : class
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<T>().CountAsync(which);
    }
}
