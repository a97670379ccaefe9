using System.Security.Claims;
using Gurukul.Features.Audit;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Jobs;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Realtime;
using Gurukul.Platform.Storage;
using Gurukul.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Features.Messaging;

/// <summary>
/// Conversations between a student and a mentor (API.md "Messages"; docs/adr/0028-realtime-stream.md): opening one, its
/// messages, posting (idempotent by <c>clientId</c>, masked in a conversation with a minor, limited against flooding),
/// attachments judged by their bytes, delivery and read receipts, typing, search and the mentor's block. A conversation that
/// is not the caller's is 404, as if it did not exist. Every change is pushed to both people's streams.
/// </summary>
public sealed class ConversationService(
    GurukulDbContext db, MessageViews views, RealtimeHub realtime, JobQueue jobs, Uploads uploads, IFileStorage storage, TypingThrottle typing,
    AuditLog audit, IOptions<MessagingOptions> options, IClock clock, IStringLocalizer<Strings> text)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MinSearchLength = 2;
    public const int MaxSearchLength = 100;

    /// <summary>
    /// A student opens (or finds again) their conversation with a public mentor. 404 for a mentor who is not public (or not an
    /// id), 403 for an account that may not message (pending guardian consent, suspended) or a mentor messaging themselves.
    /// </summary>
    public async Task<(ConversationDto Conversation, bool Created)> OpenAsync(string studentUserId, string? mentorId, CancellationToken cancellationToken)
    {
        var id = Guid.TryParse(mentorId, out var guid) ? guid : throw new NotFoundException(text["messaging.mentor_not_found"]);
        var mentor = await db.MentorProfiles.AsNoTracking().Where(MentorProfile.PublicFilter).Where(m => m.Id == id)
            .Select(m => new { m.Id, m.UserId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(text["messaging.mentor_not_found"]);
        await EnsureMayMessageAsync(studentUserId, cancellationToken);
        if (mentor.UserId == studentUserId)
        {
            throw new ForbiddenException(text["messaging.not_yourself"]);
        }

        var (conversation, created) = await OpenBetweenAsync(studentUserId, mentor.Id, mentor.UserId, cancellationToken);
        var with = (await views.ParticipantsAsync([mentor.UserId], cancellationToken))[mentor.UserId];
        return (new ConversationDto(conversation.Id.ToString(), with, conversation.CreatedAt.ToDateTimeUtc(), conversation.IsBlocked), created);
    }

    /// <summary>
    /// The conversation between a student and a mentor, opened if need be, without the caller checks of <see cref="OpenAsync"/>:
    /// for features that have already established the relationship (a booking opens its parties' conversation).
    /// </summary>
    public async Task<(Conversation Conversation, bool Created)> OpenBetweenAsync(
        string studentUserId, Guid mentorId, string mentorUserId, CancellationToken cancellationToken)
    {
        var existing = await db.Set<Conversation>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.StudentUserId == studentUserId && c.MentorUserId == mentorUserId, cancellationToken);
        if (existing is not null)
        {
            return (existing, false);
        }

        var now = clock.GetCurrentInstant();
        var conversation = new Conversation
        {
            StudentUserId = studentUserId, MentorUserId = mentorUserId, MentorId = mentorId, CreatedAt = now, LastActivityAt = now,
        };
        db.Add(conversation);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (conversation, true);
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            // Opened twice at once: the other request's conversation is the one.
            db.ChangeTracker.Clear();
            return (await db.Set<Conversation>().AsNoTracking()
                .SingleAsync(c => c.StudentUserId == studentUserId && c.MentorUserId == mentorUserId, cancellationToken), false);
        }
    }

    /// <summary>The caller's conversations, the most recently active first, each with its last message and unread count.</summary>
    public async Task<ListResponse<ConversationSummaryDto>> ListAsync(string userId, int? limit, string? cursor, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var take = Limit(limit);
        var mine = db.Set<Conversation>().AsNoTracking().Where(c => c.StudentUserId == userId || c.MentorUserId == userId);
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            var (at, id) = TimeCursor.Decode(cursor, text["validation.cursor"]);
            mine = mine.Where(c => c.LastActivityAt < at || (c.LastActivityAt == at && c.Id.CompareTo(id) < 0));
        }

        var page = await mine.OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id).Take(take + 1).ToListAsync(cancellationToken);
        var shown = page.Take(take).ToList();
        var items = await SummariesAsync(userId, shown, viewer, cancellationToken);
        return new ListResponse<ConversationSummaryDto>(items, page.Count > take ? TimeCursor.Encode(shown[^1].LastActivityAt, shown[^1].Id) : null);
    }

    /// <summary>One of the caller's conversations, as its list entry (for the conversation page).</summary>
    public async Task<ConversationSummaryDto> GetAsync(string userId, string conversationId, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var conversation = await MineAsync(userId, conversationId, tracked: false, cancellationToken);
        return (await SummariesAsync(userId, [conversation], viewer, cancellationToken))[0];
    }

    /// <summary>
    /// A page of messages, newest first, older than the message <paramref name="before"/> when given. Reading them on a device
    /// means they reached it: the other party's messages are marked delivered.
    /// </summary>
    public async Task<ListResponse<MessageDto>> MessagesAsync(
        string userId, string conversationId, string? before, int? limit, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var take = Limit(limit);
        var conversation = await MineAsync(userId, conversationId, tracked: false, cancellationToken);
        var page = await PageAsync(conversation.Id, before, take, cancellationToken);
        await MarkDeliveredAsync(conversation, userId, page, cancellationToken);
        var shown = page.Take(take).ToList();
        return new ListResponse<MessageDto>(await views.RenderAsync(shown, viewer, cancellationToken), page.Count > take ? shown[^1].Id.ToString() : null);
    }

    /// <summary>
    /// Posts a message. The same <c>clientId</c> again returns the first message (<c>Created</c> false) instead of a second.
    /// 400 for a missing clientId, an empty or over-long body, or attachments that are not the sender's unsent uploads in
    /// this conversation; 404 for a conversation not the caller's; 403 for an account that may not message, or a student
    /// the mentor blocked; 409 for a mentor writing to a student they blocked, or a clientId used in another conversation;
    /// 429 (with the wait) when the sender is flooding.
    /// </summary>
    public async Task<(MessageDto Message, bool Created)> PostAsync(
        string userId, string conversationId, PostMessageRequest request, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var body = (request.Body ?? "").Trim();
        var attachmentIds = request.AttachmentIds ?? [];
        var errors = new FieldErrors();
        if (request.ClientId is not { } clientId || clientId == Guid.Empty)
        {
            errors.Add("clientId", text["messaging.validation.client_id"]);
            clientId = Guid.Empty;
        }

        if ((body.Length == 0 && attachmentIds.Count == 0) || body.Length > Message.MaxBodyLength)
        {
            errors.Add("body", text["messaging.validation.body", Message.MaxBodyLength]);
        }

        if (attachmentIds.Count > MessageAttachment.MaxPerMessage)
        {
            errors.Add("attachmentIds", text["messaging.validation.too_many_attachments", MessageAttachment.MaxPerMessage]);
        }

        var parsedAttachments = new List<Guid>();
        for (var i = 0; i < attachmentIds.Count; i++)
        {
            if (Guid.TryParse(attachmentIds[i], out var id))
            {
                parsedAttachments.Add(id);
            }
            else
            {
                errors.Add($"attachmentIds[{i}]", text["messaging.validation.attachment"]);
            }
        }

        errors.ThrowIfAny();
        var conversation = await MineAsync(userId, conversationId, tracked: true, cancellationToken);
        if (await ExistingAsync(userId, clientId, conversation.Id, viewer, cancellationToken) is { } repeated)
        {
            return (repeated, false);
        }

        await EnsureMayMessageAsync(userId, cancellationToken);
        EnsureNotBlocked(conversation, userId);
        await EnsureNotFloodingAsync(userId, cancellationToken);
        var attachments = await db.Set<MessageAttachment>()
            .Where(a => parsedAttachments.Contains(a.Id) && a.ConversationId == conversation.Id && a.UploaderUserId == userId && a.MessageId == null)
            .ToListAsync(cancellationToken);
        for (var i = 0; i < parsedAttachments.Count; i++)
        {
            if (attachments.All(a => a.Id != parsedAttachments[i]))
            {
                errors.Add($"attachmentIds[{i}]", text["messaging.validation.attachment"]);
            }
        }

        errors.ThrowIfAny();
        var now = clock.GetCurrentInstant();
        var (shown, masked) = await WithMinorsProtectedAsync(conversation, body, cancellationToken);
        var message = new Message
        {
            ConversationId = conversation.Id, SenderUserId = userId, ClientId = clientId, Body = shown, SentAt = now,
            MaskedKinds = masked.Count == 0 ? null : string.Join(',', masked),
        };
        db.Add(message);
        attachments.ForEach(a => a.MessageId = message.Id);
        conversation.LastActivityAt = now;
        realtime.Add([conversation.StudentUserId, conversation.MentorUserId], RealtimeEventTypes.Message, new MessageEvent(conversation.Id, message.Id));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            // The same clientId arrived twice at once (a retry racing its original): the first one is the message.
            db.ChangeTracker.Clear();
            return (await ExistingAsync(userId, clientId, conversation.Id, viewer, cancellationToken)
                ?? throw new ConflictException(text["messaging.retry"]), false);
        }

        await ScheduleAwayAlertAsync(conversation, conversation.OtherMember(userId), now, cancellationToken);
        return ((await views.RenderAsync([message], viewer, cancellationToken))[0], true);
    }

    /// <summary>
    /// Uploads a file to attach to a message: PDF, JPEG or PNG judged by its bytes, at most 10 MB (400 for another type or a
    /// damaged file, 413 for a larger one). Attached by the next <see cref="PostAsync"/> that names it.
    /// </summary>
    public async Task<AttachmentDto> UploadAsync(string userId, string conversationId, IFormFile? file, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var conversation = await MineAsync(userId, conversationId, tracked: false, cancellationToken);
        if (file is null)
        {
            throw new ValidationException(Uploads.Field, text["messaging.validation.file"]);
        }

        await EnsureMayMessageAsync(userId, cancellationToken);
        EnsureNotBlocked(conversation, userId);
        var since = clock.GetCurrentInstant() - Duration.FromHours(1);
        var recent = await db.Set<MessageAttachment>().Where(a => a.UploaderUserId == userId && a.UploadedAt > since)
            .OrderBy(a => a.UploadedAt).Select(a => a.UploadedAt).ToListAsync(cancellationToken);
        if (recent.Count >= options.Value.UploadsPerHour)
        {
            throw new TooManyRequestsException(text["messaging.uploads_flooding"], (recent[0] - since).ToTimeSpan());
        }

        var stored = await uploads.StoreUploadAsync(file, UploadPolicy.Documents, "messages", cancellationToken);
        var attachment = new MessageAttachment
        {
            ConversationId = conversation.Id, UploaderUserId = userId, ContentType = stored.ContentType, SizeBytes = stored.SizeBytes,
            Sha256 = stored.Sha256, StorageKey = stored.Key, UploadedAt = clock.GetCurrentInstant(),
            FileName = FileNames.Label(file.FileName, MessageAttachment.MaxFileNameLength) ?? "file",
        };
        db.Add(attachment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Nothing points at the stored bytes, and nobody could ever reach them: remove them.
            await storage.DeleteAsync(stored.Key, CancellationToken.None);
            throw;
        }

        return views.Render(attachment, viewer);
    }

    /// <summary>
    /// The caller has read the other party's messages up to <paramref name="request"/>'s message (and received them, if that
    /// was not yet known). Both people's screens hear of it. 400 when <c>upTo</c> is not a message of this conversation.
    /// </summary>
    public async Task ReadAsync(string userId, string conversationId, ReadRequest request, CancellationToken cancellationToken)
    {
        var conversation = await MineAsync(userId, conversationId, tracked: false, cancellationToken);
        var upTo = Guid.TryParse(request.UpTo, out var id)
            ? await db.Set<Message>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.ConversationId == conversation.Id, cancellationToken)
            : null;
        if (upTo is null)
        {
            throw new ValidationException("upTo", text["messaging.validation.up_to"]);
        }

        var now = clock.GetCurrentInstant();
        var theirs = UpTo(db.Set<Message>().Where(m => m.ConversationId == conversation.Id && m.SenderUserId != userId), upTo);
        await theirs.Where(m => m.DeliveredAt == null).ExecuteUpdateAsync(set => set.SetProperty(m => m.DeliveredAt, now), cancellationToken);
        var read = await theirs.Where(m => m.ReadAt == null).ExecuteUpdateAsync(set => set.SetProperty(m => m.ReadAt, now), cancellationToken);
        if (!await db.Set<Message>().AnyAsync(m => m.ConversationId == conversation.Id && m.SenderUserId != userId && m.ReadAt == null, cancellationToken))
        {
            // Nothing left unread: no "while you were away" notice is owed.
            await db.Set<MessageAlert>().Where(a => a.ConversationId == conversation.Id && a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        }

        if (read > 0)
        {
            realtime.Add([conversation.StudentUserId, conversation.MentorUserId], RealtimeEventTypes.Read,
                new ReadEventDto(conversation.Id.ToString(), userId, "read", upTo.Id.ToString(), upTo.SentAt.ToDateTimeUtc(), now.ToDateTimeUtc()));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Tells the other person the caller is typing (at most every two seconds per conversation; nothing is stored).</summary>
    public async Task TypingAsync(string userId, string conversationId, CancellationToken cancellationToken)
    {
        var conversation = await MineAsync(userId, conversationId, tracked: false, cancellationToken);
        if (conversation.IsBlocked || !typing.ShouldSend(userId, conversation.Id))
        {
            return;
        }

        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.Name).SingleAsync(cancellationToken);
        await realtime.PublishAsync([conversation.OtherMember(userId)], RealtimeEventTypes.Typing,
            new TypingEventDto(conversation.Id.ToString(), userId, name), durable: false, cancellationToken);
    }

    /// <summary>The caller's messages and their contacts' that contain <paramref name="q"/> (2–100 characters), newest first.</summary>
    public async Task<ListResponse<MessageSearchHitDto>> SearchAsync(
        string userId, string? q, int? limit, string? cursor, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var term = q?.Trim() ?? "";
        if (term.Length is < MinSearchLength or > MaxSearchLength)
        {
            throw new ValidationException("q", text["messaging.validation.search", MinSearchLength, MaxSearchLength]);
        }

        var take = Limit(limit);
        var lowered = term.ToLowerInvariant();
        var conversations = db.Set<Conversation>().Where(c => c.StudentUserId == userId || c.MentorUserId == userId).Select(c => c.Id);
        // Translated to the database's lower() and a substring test; Telugu and Devanagari have no case to fold.
#pragma warning disable CA1862, CA1304, CA1311
        var hits = db.Set<Message>().AsNoTracking()
            .Where(m => conversations.Contains(m.ConversationId) && m.HiddenAt == null && m.Body.ToLower().Contains(lowered));
#pragma warning restore CA1862, CA1304, CA1311
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            var before = Guid.TryParse(cursor, out var id) ? id : throw new ValidationException("cursor", text["validation.cursor"]);
            hits = hits.Where(m => m.Id.CompareTo(before) < 0);
        }

        var page = await hits.OrderByDescending(m => m.Id).Take(take + 1).ToListAsync(cancellationToken);
        var shown = page.Take(take).ToList();
        var shownConversations = shown.Select(m => m.ConversationId).Distinct().ToList();
        var others = await db.Set<Conversation>().AsNoTracking().Where(c => shownConversations.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.OtherMember(userId), cancellationToken);
        var people = await views.ParticipantsAsync(others.Values, cancellationToken);
        var rendered = await views.RenderAsync(shown, viewer, cancellationToken);
        return new ListResponse<MessageSearchHitDto>(
            [.. shown.Select((m, i) => new MessageSearchHitDto(m.ConversationId.ToString(), people[others[m.ConversationId]], rendered[i]))],
            page.Count > take ? shown[^1].Id.ToString() : null);
    }

    /// <summary>The mentor blocks (or unblocks) the student of one of their conversations (audited). 404 unless it is their conversation.</summary>
    public async Task SetBlockedAsync(string mentorUserId, string conversationId, bool blocked, ClientInfo client, CancellationToken cancellationToken)
    {
        var conversation = await MineAsync(mentorUserId, conversationId, tracked: true, cancellationToken);
        if (conversation.MentorUserId != mentorUserId)
        {
            throw new ForbiddenException(text["messaging.only_mentor_blocks"]);
        }

        if (blocked)
        {
            conversation.Block(clock.GetCurrentInstant());
        }
        else
        {
            conversation.Unblock();
        }

        audit.Add(blocked ? AuditActions.StudentBlocked : AuditActions.StudentUnblocked, client, mentorUserId, conversation.StudentUserId, conversation.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Everything the conversation page shows: the conversation, a page of messages oldest first (the latest, or those before
    /// <paramref name="before"/>), whether the other person is online and whether its student is a minor. Looking at the latest
    /// messages reads them.
    /// </summary>
    public async Task<ConversationView> ViewAsync(
        string userId, string conversationId, string? before, ClaimsPrincipal viewer, CancellationToken cancellationToken, bool includeBefore = false)
    {
        var conversation = await MineAsync(userId, conversationId, tracked: false, cancellationToken);
        var rows = await PageAsync(conversation.Id, before, ConversationView.PageSize, cancellationToken, includeBefore);
        await MarkDeliveredAsync(conversation, userId, rows, cancellationToken);
        var shown = rows.Take(ConversationView.PageSize).ToList();
        var page = new ListResponse<MessageDto>(await views.RenderAsync(shown, viewer, cancellationToken), rows.Count > ConversationView.PageSize ? shown[^1].Id.ToString() : null);
        if (before is null && page.Items.Count > 0)
        {
            await ReadAsync(userId, conversationId, new ReadRequest(page.Items[0].Id), cancellationToken);
        }

        var summary = (await SummariesAsync(userId, [conversation], viewer, cancellationToken))[0];
        var student = await db.Users.AsNoTracking().SingleAsync(u => u.Id == conversation.StudentUserId, cancellationToken);
        return new ConversationView(
            summary, conversation.MentorUserId == userId, student.IsMinorOn(clock.GetCurrentInstant().InUtc().Date),
            [.. page.Items.AsEnumerable().Reverse()], page.NextCursor, before is not null);
    }

    /// <summary>
    /// The messages after <paramref name="after"/>, oldest first (at most <see cref="MaxLimit"/>): what a chat page missed while its
    /// stream was away. They reached this device, so they are marked delivered.
    /// </summary>
    public async Task<IReadOnlyList<MessageDto>> AfterAsync(string userId, string conversationId, string? after, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var conversation = await MineAsync(userId, conversationId, tracked: false, cancellationToken);
        var anchor = Guid.TryParse(after, out var id)
            ? await db.Set<Message>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.ConversationId == conversation.Id, cancellationToken)
            : null;
        var messages = db.Set<Message>().AsNoTracking().Where(m => m.ConversationId == conversation.Id);
        if (anchor is not null)
        {
            messages = messages.Where(m => m.SentAt > anchor.SentAt || (m.SentAt == anchor.SentAt && m.Id.CompareTo(anchor.Id) > 0));
        }

        var rows = await messages.OrderBy(m => m.SentAt).ThenBy(m => m.Id).Take(MaxLimit).ToListAsync(cancellationToken);
        await MarkDeliveredAsync(conversation, userId, rows, cancellationToken);
        return await views.RenderAsync(rows, viewer, cancellationToken);
    }

    /// <summary>The IANA time zone the user reads times in.</summary>
    public Task<string> TimeZoneOfAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).SingleAsync(cancellationToken);

    /// <summary>One message of one of the caller's conversations, as they see it (404 otherwise).</summary>
    public async Task<MessageDto> MessageAsync(string userId, string conversationId, string messageId, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var conversation = await MineAsync(userId, conversationId, tracked: false, cancellationToken);
        var message = (Guid.TryParse(messageId, out var id)
                ? await db.Set<Message>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.ConversationId == conversation.Id, cancellationToken)
                : null)
            ?? throw new NotFoundException(text["messaging.message_not_found"]);
        await MarkDeliveredAsync(conversation, userId, [message], cancellationToken);
        return (await views.RenderAsync([message], viewer, cancellationToken))[0];
    }

    /// <summary>The conversation if the caller is one of its two people; otherwise 404, as if it did not exist.</summary>
    public async Task<Conversation> MineAsync(string userId, string conversationId, bool tracked, CancellationToken cancellationToken)
    {
        var conversations = tracked ? db.Set<Conversation>() : db.Set<Conversation>().AsNoTracking();
        return (Guid.TryParse(conversationId, out var id)
                ? await conversations.SingleOrDefaultAsync(c => c.Id == id && (c.StudentUserId == userId || c.MentorUserId == userId), cancellationToken)
                : null)
            ?? throw new NotFoundException(text["messaging.conversation_not_found"]);
    }

    /// <summary>How many messages from others the user has not read, across their conversations (the navigation's badge).</summary>
    public Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken)
    {
        var conversations = db.Set<Conversation>().Where(c => c.StudentUserId == userId || c.MentorUserId == userId).Select(c => c.Id);
        return db.Set<Message>().CountAsync(
            m => conversations.Contains(m.ConversationId) && m.SenderUserId != userId && m.ReadAt == null && m.HiddenAt == null, cancellationToken);
    }

    /// <summary>Messages of the conversation, newest first: up to <paramref name="take"/> + 1 (one more tells whether more exist).</summary>
    internal async Task<List<Message>> PageAsync(Guid conversationId, string? before, int take, CancellationToken cancellationToken, bool includeBefore = false)
    {
        var messages = db.Set<Message>().AsNoTracking().Where(m => m.ConversationId == conversationId);
        if (!string.IsNullOrWhiteSpace(before))
        {
            var anchor = Guid.TryParse(before, out var id)
                ? await db.Set<Message>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.ConversationId == conversationId, cancellationToken)
                : null;
            if (anchor is null)
            {
                throw new ValidationException("before", text["messaging.validation.before"]);
            }

            messages = includeBefore
                ? messages.Where(m => m.SentAt < anchor.SentAt || (m.SentAt == anchor.SentAt && m.Id.CompareTo(anchor.Id) <= 0))
                : messages.Where(m => m.SentAt < anchor.SentAt || (m.SentAt == anchor.SentAt && m.Id.CompareTo(anchor.Id) < 0));
        }

        return await messages.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Take(take + 1).ToListAsync(cancellationToken);
    }

    /// <summary>Marks the other party's messages among <paramref name="seen"/> delivered, and tells their sender.</summary>
    internal async Task MarkDeliveredAsync(Conversation conversation, string viewerUserId, IReadOnlyList<Message> seen, CancellationToken cancellationToken)
    {
        var undelivered = seen.Where(m => m.SenderUserId != viewerUserId && m.DeliveredAt is null).ToList();
        if (undelivered.Count == 0)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        var newest = undelivered.MaxBy(m => (m.SentAt, m.Id))!;
        var ids = undelivered.Select(m => m.Id).ToList();
        var marked = await db.Set<Message>().Where(m => ids.Contains(m.Id) && m.DeliveredAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.DeliveredAt, now), cancellationToken);
        undelivered.ForEach(m => m.DeliveredAt = now);
        if (marked > 0)
        {
            realtime.Add([conversation.OtherMember(viewerUserId)], RealtimeEventTypes.Read,
                new ReadEventDto(conversation.Id.ToString(), viewerUserId, "delivered", newest.Id.ToString(), newest.SentAt.ToDateTimeUtc(), now.ToDateTimeUtc()));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static IQueryable<Message> UpTo(IQueryable<Message> messages, Message upTo) =>
        messages.Where(m => m.SentAt < upTo.SentAt || (m.SentAt == upTo.SentAt && m.Id.CompareTo(upTo.Id) <= 0));

    internal async Task<List<ConversationSummaryDto>> SummariesAsync(string userId, IReadOnlyList<Conversation> conversations, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var ids = conversations.Select(c => c.Id).ToList();
        var lastIds = await db.Set<Message>().Where(m => ids.Contains(m.ConversationId))
            .GroupBy(m => m.ConversationId)
            .Select(g => g.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Select(m => m.Id).First())
            .ToListAsync(cancellationToken);
        var lastMessages = await db.Set<Message>().AsNoTracking().Where(m => lastIds.Contains(m.Id)).ToListAsync(cancellationToken);
        var rendered = (await views.RenderAsync(lastMessages, viewer, cancellationToken)).ToDictionary(m => m.ConversationId);
        var unread = await db.Set<Message>()
            .Where(m => ids.Contains(m.ConversationId) && m.SenderUserId != userId && m.ReadAt == null && m.HiddenAt == null)
            .GroupBy(m => m.ConversationId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var people = await views.ParticipantsAsync(conversations.Select(c => c.OtherMember(userId)), cancellationToken);
        return [.. conversations.Select(c => new ConversationSummaryDto(
            c.Id.ToString(), people[c.OtherMember(userId)], rendered.GetValueOrDefault(c.Id.ToString()), unread.GetValueOrDefault(c.Id), c.IsBlocked))];
    }

    private async Task<MessageDto?> ExistingAsync(string userId, Guid clientId, Guid conversationId, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var existing = await db.Set<Message>().AsNoTracking().SingleOrDefaultAsync(m => m.SenderUserId == userId && m.ClientId == clientId, cancellationToken);
        if (existing is null)
        {
            return null;
        }

        if (existing.ConversationId != conversationId)
        {
            throw new ConflictException(text["messaging.client_id_used"]);
        }

        return (await views.RenderAsync([existing], viewer, cancellationToken))[0];
    }

    private async Task EnsureMayMessageAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        if (!user.CanBookOrMessage)
        {
            throw new ForbiddenException(text["messaging.account_cannot_message"]);
        }
    }

    private void EnsureNotBlocked(Conversation conversation, string userId)
    {
        if (!conversation.IsBlocked)
        {
            return;
        }

        if (userId == conversation.StudentUserId)
        {
            throw new ForbiddenException(text["messaging.blocked"]);
        }

        throw new ConflictException(text["messaging.unblock_first"]);
    }

    /// <summary>A database count, so the limit holds across nodes: 429 with the wait until the oldest message in the window leaves it.</summary>
    private async Task EnsureNotFloodingAsync(string userId, CancellationToken cancellationToken)
    {
        var window = Duration.FromTimeSpan(options.Value.FloodWindow);
        var since = clock.GetCurrentInstant() - window;
        var recent = await db.Set<Message>().Where(m => m.SenderUserId == userId && m.SentAt > since)
            .OrderByDescending(m => m.SentAt).Select(m => m.SentAt).Take(options.Value.FloodLimit).ToListAsync(cancellationToken);
        if (recent.Count >= options.Value.FloodLimit)
        {
            var wait = recent[^1] - since;
            throw new TooManyRequestsException(text["messaging.flooding"], wait.ToTimeSpan() + TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The body as both will see it: with contact details masked when the conversation's student is under 18.</summary>
    private async Task<(string Body, IReadOnlyList<string> Masked)> WithMinorsProtectedAsync(Conversation conversation, string body, CancellationToken cancellationToken)
    {
        var student = await db.Users.AsNoTracking().SingleAsync(u => u.Id == conversation.StudentUserId, cancellationToken);
        return student.IsMinorOn(clock.GetCurrentInstant().InUtc().Date) ? ContactDetails.Mask(body) : (body, []);
    }

    /// <summary>
    /// One "while you were away" notice per person and conversation at a time: the first unread message plants it (the
    /// table's key refuses a second, also when two messages arrive at once on two nodes), and <see cref="AwayAlertJob"/> sends
    /// it when due if the messages are still unread.
    /// </summary>
    private async Task ScheduleAwayAlertAsync(Conversation conversation, string recipientUserId, Instant now, CancellationToken cancellationToken)
    {
        if (await db.Set<MessageAlert>().AnyAsync(a => a.ConversationId == conversation.Id && a.UserId == recipientUserId, cancellationToken))
        {
            return;
        }

        var due = now + Duration.FromTimeSpan(options.Value.AwayAlertDelay);
        db.Add(new MessageAlert { ConversationId = conversation.Id, UserId = recipientUserId, DueAt = due });
        jobs.Add(AwayAlertJob.JobKind, new AwayAlertJob.Payload(conversation.Id, recipientUserId), due);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            // Another message planted the notice first: one is enough.
            db.ChangeTracker.Clear();
        }
    }

    private int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => limit.Value,
        _ => throw new ValidationException("limit", text["validation.limit", MaxLimit]),
    };

}
