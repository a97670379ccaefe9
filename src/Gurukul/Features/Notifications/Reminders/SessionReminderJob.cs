using System.Globalization;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Notifications.Reminders;

/// <summary>
/// Sends one reminder when it falls due: one save moves it from scheduled to sent (its status and due time are concurrency
/// tokens) and adds its notification and mail, so it is sent exactly once even when two nodes or a retried job run it, and
/// never after a reschedule moved it (the job names the due time it was made for).
/// </summary>
internal sealed class SessionReminderJob(GurukulDbContext db, Notifier notifier, IClock clock) : IJobHandler
{
    public const string JobKind = "reminders.send";

    /// <summary>What a reminder is called in the notification centre and the outbox.</summary>
    public const string NotificationKind = "session.reminder";

    public string Kind => JobKind;

    public async Task RunAsync(string payload, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<Payload>(payload, JsonSerializerOptions.Web) ?? throw new InvalidOperationException("The reminder job names no reminder.");
        var due = Instant.FromUnixTimeTicks(job.DueAtTicks);
        var reminder = await db.Set<SessionReminder>().SingleOrDefaultAsync(
            r => r.Id == job.ReminderId && r.Status == SessionReminderStatus.Scheduled && r.DueAt == due, cancellationToken);
        if (reminder is null)
        {
            // Sent already, cancelled, or moved to another time (whose own job will send it).
            return;
        }

        var now = clock.GetCurrentInstant();
        if (now >= reminder.SessionStart)
        {
            // The queue was down past the session's start: a reminder now would only confuse.
            reminder.Status = SessionReminderStatus.Cancelled;
        }
        else
        {
            reminder.Status = SessionReminderStatus.Sent;
            reminder.SentAt = now;
            var recipient = await db.Users.SingleAsync(u => u.Id == reminder.RecipientUserId, cancellationToken);
            await notifier.AddAsync(recipient, Draft(reminder, recipient.TimeZone, CultureInfo.GetCultureInfo(recipient.Locale)), cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another runner sent it, or it was moved, between the read and this save: nothing was written here.
        }
    }

    /// <summary>"Your session with … starts in 1 hour" — "Tuesday 8 December, 17:30 (Asia/Kolkata)", in the recipient's language and zone.</summary>
    private static NotificationDraft Draft(SessionReminder reminder, string timeZone, CultureInfo culture)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZone.Utc;
        var local = reminder.SessionStart.InZone(zone);
        var when = LocalDateTimePattern.Create("dddd d MMMM, HH:mm", culture).Format(local.LocalDateTime) + $" ({zone.Id})";
        var soon = new LocalText("reminders.in." + reminder.OffsetMinutes.ToString(CultureInfo.InvariantCulture));
        return new NotificationDraft(
            NotificationKind, NotificationCategory.Reminders,
            Title: new LocalText("reminders.title", reminder.WithName, soon),
            Body: new LocalText("reminders.body", when, reminder.WithName),
            Link: reminder.Link);
    }

    /// <summary>The job's JSON: the reminder, and the due time (ticks since the Unix epoch) it was scheduled for.</summary>
    public sealed record Payload(Guid ReminderId, long DueAtTicks);
}
