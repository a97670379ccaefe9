using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Notifications.Reminders;

/// <summary>A session some feature owns, named for reminders: <c>("booking", bookingId)</c>.</summary>
public sealed record SessionRef(string Kind, string Id);

/// <summary>Someone to remind, and the name of whoever the session is with, as they know them.</summary>
public sealed record ReminderRecipient(string UserId, string WithName);

/// <summary>
/// Reminders of sessions: 24 hours, 1 hour and 15 minutes before the start, by mail and in the app (as each person's
/// preferences for reminders allow), in each person's language and time zone, each exactly once across nodes
/// (docs/adr/0029-notifications-and-reminders.md). The bookings feature calls <see cref="ScheduleAsync"/> when a session is
/// confirmed, <see cref="RescheduleAsync"/> when it moves and <see cref="CancelAsync"/> when it is cancelled. Each method
/// saves the caller's context, so it commits together with whatever the caller changed.
/// </summary>
public sealed class SessionReminders(GurukulDbContext db, JobQueue jobs, IClock clock)
{
    public static readonly IReadOnlyList<Duration> Offsets = [Duration.FromHours(24), Duration.FromHours(1), Duration.FromMinutes(15)];

    /// <summary>
    /// Schedules (or, for a session already scheduled, moves) the reminders of <paramref name="session"/> for each participant.
    /// A reminder whose time has already passed is not sent (a session booked 40 minutes ahead gets the 15-minute one only);
    /// participants no longer listed are no longer reminded. <paramref name="link"/> is the session's page on this site.
    /// </summary>
    public async Task ScheduleAsync(
        SessionRef session, Instant start, IReadOnlyList<ReminderRecipient> participants, string link, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await RemindersOfAsync(session, cancellationToken);
                foreach (var participant in participants.DistinctBy(p => p.UserId))
                {
                    foreach (var offset in Offsets)
                    {
                        var minutes = (int)offset.TotalMinutes;
                        var reminder = existing.SingleOrDefault(r => r.RecipientUserId == participant.UserId && r.OffsetMinutes == minutes);
                        if (reminder is null)
                        {
                            reminder = new SessionReminder
                            {
                                SessionKind = session.Kind, SessionId = session.Id, RecipientUserId = participant.UserId, OffsetMinutes = minutes,
                                WithName = participant.WithName, Link = link, CreatedAt = clock.GetCurrentInstant(),
                            };
                            db.Add(reminder);
                        }

                        reminder.WithName = participant.WithName;
                        reminder.Link = link;
                        Arm(reminder, start);
                    }
                }

                foreach (var dropped in existing.Where(r => participants.All(p => p.UserId != r.RecipientUserId)))
                {
                    dropped.Status = SessionReminderStatus.Cancelled;
                }

                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException exception) when (attempt == 1 && (exception is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(exception)))
            {
                // Scheduled twice at once (or sent meanwhile): read what the other writer saved and apply this schedule to it.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Moves every reminder of the session to its new start: they are sent again before the new time.</summary>
    public async Task RescheduleAsync(SessionRef session, Instant newStart, CancellationToken cancellationToken)
    {
        var existing = await RemindersOfAsync(session, cancellationToken);
        var participants = existing.GroupBy(r => r.RecipientUserId).Select(g => new ReminderRecipient(g.Key, g.First().WithName)).ToList();
        if (participants.Count > 0)
        {
            db.ChangeTracker.Clear();
            await ScheduleAsync(session, newStart, participants, existing[0].Link, cancellationToken);
        }
    }

    /// <summary>Drops every reminder of the session not yet sent.</summary>
    public async Task CancelAsync(SessionRef session, CancellationToken cancellationToken)
    {
        foreach (var reminder in (await RemindersOfAsync(session, cancellationToken)).Where(r => r.Status == SessionReminderStatus.Scheduled))
        {
            reminder.Status = SessionReminderStatus.Cancelled;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private Task<List<SessionReminder>> RemindersOfAsync(SessionRef session, CancellationToken cancellationToken) =>
        db.Set<SessionReminder>().Where(r => r.SessionKind == session.Kind && r.SessionId == session.Id).ToListAsync(cancellationToken);

    /// <summary>Due at start − offset, with a job for that time; one already due (or past) is not sent at all.</summary>
    private void Arm(SessionReminder reminder, Instant start)
    {
        var due = start - Duration.FromMinutes(reminder.OffsetMinutes);
        reminder.SessionStart = start;
        if (due <= clock.GetCurrentInstant())
        {
            // Too late to be useful; one already sent for this very time stays sent.
            if (!(reminder.Status == SessionReminderStatus.Sent && reminder.DueAt == due))
            {
                reminder.Status = SessionReminderStatus.Cancelled;
            }

            reminder.DueAt = due;
            return;
        }

        if (reminder.Status == SessionReminderStatus.Scheduled && reminder.DueAt == due)
        {
            // Scheduled again for the same time: its job exists already.
            return;
        }

        reminder.DueAt = due;
        reminder.Status = SessionReminderStatus.Scheduled;
        reminder.SentAt = null;
        jobs.Add(SessionReminderJob.JobKind, new SessionReminderJob.Payload(reminder.Id, due.ToUnixTimeTicks()), due);
    }
}
