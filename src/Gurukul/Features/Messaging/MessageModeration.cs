using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;
using Gurukul.Features.Notifications;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Realtime;
using Gurukul.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Messaging;

/// <summary>
/// Reports and what staff do about them (child safety, PRD §14.3): anyone in a conversation reports a message; staff see the
/// report with the messages around it, and hide the message, warn its sender or (admins) suspend them, or dismiss the report.
/// Every staff action is audited and closes the message's open reports.
/// </summary>
public sealed class MessageModeration(
    GurukulDbContext db, MessageViews views, ConversationService conversations, RealtimeHub realtime, Notifier notifier, UserAdministration users,
    AuditLog audit, IClock clock, IStringLocalizer<Strings> text)
{
    public const int ContextSize = 3;
    public const int MaxLimit = 100;

    /// <summary>
    /// Reports a message of one of the caller's conversations (404 otherwise; 409 for one's own message). Reporting it again
    /// returns the first report (<c>Created</c> false).
    /// </summary>
    public async Task<(MessageReportDto Report, bool Created)> ReportAsync(string userId, string messageId, ReportMessageRequest request, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > MessageReport.MaxReasonLength)
        {
            throw new ValidationException("reason", text["messaging.validation.reason", MessageReport.MaxReasonLength]);
        }

        var message = await VisibleToAsync(userId, messageId, cancellationToken);
        if (message.SenderUserId == userId)
        {
            throw new ConflictException(text["messaging.report_own"]);
        }

        var existing = await db.Set<MessageReport>().AsNoTracking().SingleOrDefaultAsync(r => r.MessageId == message.Id && r.ReporterUserId == userId, cancellationToken);
        if (existing is not null)
        {
            return (ToDto(existing), false);
        }

        var report = new MessageReport { MessageId = message.Id, ReporterUserId = userId, Reason = reason, CreatedAt = clock.GetCurrentInstant() };
        db.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            return (ToDto(await db.Set<MessageReport>().AsNoTracking().SingleAsync(r => r.MessageId == message.Id && r.ReporterUserId == userId, cancellationToken)), false);
        }

        return (ToDto(report), true);
    }

    /// <summary>Reports by status (open by default), oldest first, each with its message in context.</summary>
    public async Task<ListResponse<MessageReportQueueItemDto>> QueueAsync(
        string? status, int? limit, string? cursor, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var wanted = status?.Trim().ToLowerInvariant() switch
        {
            null or "" or "open" => MessageReportStatus.Open,
            "closed" => MessageReportStatus.Closed,
            _ => throw new ValidationException("status", text["moderation.validation.status"]),
        };
        var take = limit switch
        {
            null => 20,
            >= 1 and <= MaxLimit => limit.Value,
            _ => throw new ValidationException("limit", text["validation.limit", MaxLimit]),
        };
        var reports = db.Set<MessageReport>().AsNoTracking().Where(r => r.Status == wanted);
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            var after = Guid.TryParse(cursor, out var id) ? id : throw new ValidationException("cursor", text["validation.cursor"]);
            reports = reports.Where(r => r.Id.CompareTo(after) > 0);
        }

        var page = await reports.OrderBy(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
        var items = new List<MessageReportQueueItemDto>();
        foreach (var report in page.Take(take))
        {
            items.Add(await QueueItemAsync(report, viewer, cancellationToken));
        }

        return new ListResponse<MessageReportQueueItemDto>(items, page.Count > take ? items[^1].Id : null);
    }

    public async Task<MessageReportQueueItemDto> GetReportAsync(string reportId, ClaimsPrincipal viewer, CancellationToken cancellationToken) =>
        await QueueItemAsync(await ReportAsync(reportId, tracked: false, cancellationToken), viewer, cancellationToken);

    /// <summary>Hides a message from both parties (or restores it); they see at once that a message was removed. Audited.</summary>
    public async Task<StaffMessageDto> ModerateAsync(
        string staffUserId, string messageId, MessageModerationRequest request, ClientInfo client, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var hide = request.Action?.Trim().ToLowerInvariant() switch
        {
            "hide" => true,
            "restore" => false,
            _ => throw new ValidationException("action", text["moderation.validation.action"]),
        };
        var reason = Reason(request.Reason);
        var message = (Guid.TryParse(messageId, out var id) ? await db.Set<Message>().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) : null)
            ?? throw new NotFoundException(text["messaging.message_not_found"]);
        var conversation = await db.Set<Conversation>().AsNoTracking().SingleAsync(c => c.Id == message.ConversationId, cancellationToken);
        if (hide)
        {
            message.Hide(staffUserId, clock.GetCurrentInstant());
        }
        else
        {
            message.Restore();
        }

        audit.Add(hide ? AuditActions.MessageHidden : AuditActions.MessageRestored, client, staffUserId, message.SenderUserId, $"{message.Id}: {reason}");
        await CloseReportsAsync(message.Id, staffUserId, (hide ? "hidden: " : "restored: ") + reason, cancellationToken);
        realtime.Add([conversation.StudentUserId, conversation.MentorUserId], RealtimeEventTypes.Message, new MessageEvent(conversation.Id, message.Id));
        await db.SaveChangesAsync(cancellationToken);
        return (await StaffViewAsync([message], viewer, cancellationToken))[0];
    }

    /// <summary>
    /// Warns a user: a notification and mail they cannot turn off, with the reason, and an audit entry. Closes the open reports
    /// of the message it is about, if one is named (404 for an unknown user or message).
    /// </summary>
    public async Task WarnAsync(string staffUserId, string userId, WarningRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var reason = Reason(request.Reason);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new NotFoundException(text["problem.404.title"]);
        Message? message = null;
        if (request.MessageId is { } messageId)
        {
            message = (Guid.TryParse(messageId, out var id) ? await db.Set<Message>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.SenderUserId == userId, cancellationToken) : null)
                ?? throw new NotFoundException(text["messaging.message_not_found"]);
            await CloseReportsAsync(message.Id, staffUserId, "warned: " + reason, cancellationToken);
        }

        audit.Add(AuditActions.UserWarned, client, staffUserId, userId, message is null ? reason : $"{message.Id}: {reason}");
        await notifier.AddAsync(user, new NotificationDraft(
            "moderation.warning", NotificationCategory.Account,
            Title: new LocalText("moderation.warning.title"), Body: new LocalText("moderation.warning.body", reason),
            Link: message is null ? MessagingPaths.Inbox : MessagingPaths.Conversation(message.ConversationId)), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>An admin suspends the sender of a reported message (every session ends at once) and closes its reports.</summary>
    public async Task SuspendSenderAsync(string adminUserId, string reportId, string? reason, ClientInfo client, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(reportId, tracked: false, cancellationToken);
        var message = await db.Set<Message>().AsNoTracking().SingleAsync(m => m.Id == report.MessageId, cancellationToken);
        await users.SuspendAsync(adminUserId, message.SenderUserId, new SuspendRequest(reason), client, cancellationToken);
        await CloseReportsAsync(message.Id, adminUserId, "suspended: " + reason!.Trim(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Closes a report with a note and nothing else done (the message was fine). Audited.</summary>
    public async Task<MessageReportDto> CloseAsync(string staffUserId, string reportId, CloseReportRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var note = Reason(request.Note, "note");
        var report = await ReportAsync(reportId, tracked: true, cancellationToken);
        report.Close(staffUserId, "dismissed: " + note, clock.GetCurrentInstant());
        audit.Add(AuditActions.ReportClosed, client, staffUserId, report.ReporterUserId, $"{report.Id}: {note}");
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(report);
    }

    /// <summary>The message if it is in one of the caller's conversations; otherwise 404.</summary>
    private async Task<Message> VisibleToAsync(string userId, string messageId, CancellationToken cancellationToken)
    {
        var message = Guid.TryParse(messageId, out var id) ? await db.Set<Message>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) : null;
        if (message is not null)
        {
            await conversations.MineAsync(userId, message.ConversationId.ToString(), tracked: false, cancellationToken);
            return message;
        }

        throw new NotFoundException(text["messaging.message_not_found"]);
    }

    private async Task<MessageReport> ReportAsync(string reportId, bool tracked, CancellationToken cancellationToken)
    {
        var reports = tracked ? db.Set<MessageReport>() : db.Set<MessageReport>().AsNoTracking();
        return (Guid.TryParse(reportId, out var id) ? await reports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) : null)
            ?? throw new NotFoundException(text["moderation.report_not_found"]);
    }

    private async Task CloseReportsAsync(Guid messageId, string staffUserId, string resolution, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        foreach (var report in await db.Set<MessageReport>().Where(r => r.MessageId == messageId && r.Status == MessageReportStatus.Open).ToListAsync(cancellationToken))
        {
            report.Close(staffUserId, resolution, now);
        }
    }

    private async Task<MessageReportQueueItemDto> QueueItemAsync(MessageReport report, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var message = await db.Set<Message>().AsNoTracking().SingleAsync(m => m.Id == report.MessageId, cancellationToken);
        var conversation = await db.Set<Conversation>().AsNoTracking().SingleAsync(c => c.Id == message.ConversationId, cancellationToken);
        var around = db.Set<Message>().AsNoTracking().Where(m => m.ConversationId == message.ConversationId && m.Id != message.Id);
        var before = await around.Where(m => m.SentAt <= message.SentAt).OrderByDescending(m => m.SentAt).Take(ContextSize).ToListAsync(cancellationToken);
        var after = await around.Where(m => m.SentAt > message.SentAt).OrderBy(m => m.SentAt).Take(ContextSize).ToListAsync(cancellationToken);
        var context = await StaffViewAsync([.. before.AsEnumerable().Reverse(), message, .. after], viewer, cancellationToken);
        var people = await views.ParticipantsAsync([report.ReporterUserId, message.SenderUserId], cancellationToken);
        var student = await db.Users.AsNoTracking().SingleAsync(u => u.Id == conversation.StudentUserId, cancellationToken);
        return new MessageReportQueueItemDto(
            report.Id.ToString(), SnakeCaseNames.ToSnakeCase(report.Status.ToString()), report.Reason, report.CreatedAt.ToDateTimeUtc(),
            people[report.ReporterUserId], people[message.SenderUserId], student.IsMinorOn(clock.GetCurrentInstant().InUtc().Date),
            context.Single(m => m.Id == message.Id.ToString()), context, report.Resolution, report.ClosedAt?.ToDateTimeUtc());
    }

    private async Task<List<StaffMessageDto>> StaffViewAsync(IReadOnlyList<Message> messages, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var ids = messages.Select(m => (Guid?)m.Id).ToList();
        var attachments = (await db.Set<MessageAttachment>().AsNoTracking().Where(a => ids.Contains(a.MessageId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.MessageId!.Value);
        var names = await views.ParticipantsAsync(messages.Select(m => m.SenderUserId), cancellationToken);
        return [.. messages.Select(m => new StaffMessageDto(
            m.Id.ToString(), m.ConversationId.ToString(), m.SenderUserId, names[m.SenderUserId].Name, m.Body,
            [.. attachments[m.Id].Select(a => views.Render(a, viewer))], m.SentAt.ToDateTimeUtc(), m.IsHidden, m.Masked))];
    }

    private string Reason(string? value, string field = "reason")
    {
        var reason = value?.Trim() ?? "";
        return reason.Length is 0 or > MessageReport.MaxReasonLength
            ? throw new ValidationException(field, text["messaging.validation.reason", MessageReport.MaxReasonLength])
            : reason;
    }

    private static MessageReportDto ToDto(MessageReport r) =>
        new(r.Id.ToString(), r.MessageId.ToString(), SnakeCaseNames.ToSnakeCase(r.Status.ToString()), r.CreatedAt.ToDateTimeUtc());
}
