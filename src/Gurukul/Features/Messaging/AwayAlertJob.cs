using System.Text.Json;
using Gurukul.Features.Notifications;
using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using Gurukul.Platform.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Messaging;

/// <summary>
/// Sends a person's "new messages while you were away" notice when it falls due (<see cref="MessageAlert"/>): one notification
/// (and mail, as their preferences for messages allow) summing up what is still unread in the conversation. Nothing when they
/// read it meanwhile, or when they are online now: then the navigation's badge has already told them.
/// </summary>
internal sealed class AwayAlertJob(GurukulDbContext db, Notifier notifier, Presence presence) : IJobHandler
{
    public const string JobKind = "messaging.away_alert";
    public const string NotificationKind = "message.received";

    public string Kind => JobKind;

    public async Task RunAsync(string payload, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<Payload>(payload, JsonSerializerOptions.Web) ?? throw new InvalidOperationException("The alert job names no conversation.");
        var alert = await db.Set<MessageAlert>().SingleOrDefaultAsync(a => a.ConversationId == job.ConversationId && a.UserId == job.UserId, cancellationToken);
        if (alert is null)
        {
            return;
        }

        db.Remove(alert);
        var unread = await db.Set<Message>()
            .Where(m => m.ConversationId == job.ConversationId && m.SenderUserId != job.UserId && m.ReadAt == null && m.HiddenAt == null)
            .Select(m => m.SenderUserId).ToListAsync(cancellationToken);
        if (unread.Count > 0 && !presence.IsOnline(job.UserId))
        {
            var recipient = await db.Users.SingleAsync(u => u.Id == job.UserId, cancellationToken);
            var sender = await db.Users.Where(u => u.Id == unread[0]).Select(u => u.Name).SingleAsync(cancellationToken);
            await notifier.AddAsync(recipient, new NotificationDraft(
                NotificationKind, NotificationCategory.Messages,
                Title: new LocalText("messaging.away.title", sender),
                Body: new LocalText(unread.Count == 1 ? "messaging.away.body_one" : "messaging.away.body_many", sender, unread.Count),
                Link: MessagingPaths.Conversation(job.ConversationId)), cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Read (and the notice withdrawn) between this run's read and its save: nothing is owed.
        }
    }

    /// <summary>The job's JSON: whose notice, about which conversation.</summary>
    public sealed record Payload(Guid ConversationId, string UserId);
}
