namespace Gurukul.Features.Messaging;

/// <summary>The other person of a conversation: <c>{ id, name, photoUrl? }</c> (id is their user id, as in <c>senderId</c>).</summary>
public sealed record ParticipantDto(string Id, string Name, string? PhotoUrl);

/// <summary>API.md: <c>{ id, with, createdAt }</c>, plus whether the mentor has blocked the student.</summary>
public sealed record ConversationDto(string Id, ParticipantDto With, DateTime CreatedAt, bool Blocked);

/// <summary>API.md: <c>{ id, with, lastMessage?, unreadCount }</c>.</summary>
public sealed record ConversationSummaryDto(string Id, ParticipantDto With, MessageDto? LastMessage, int UnreadCount, bool Blocked);

/// <summary>API.md: <c>{ id, fileName, contentType, sizeBytes, url }</c>; the url is signed for the caller's session and lives an hour.</summary>
public sealed record AttachmentDto(string Id, string FileName, string ContentType, long SizeBytes, string Url);

/// <summary>
/// API.md: <c>{ id, senderId, body, attachments, sentAt, readAt? }</c>, plus the conversation, the sender's own
/// <c>clientId</c> (only on the caller's own messages), when it reached the other party's device, what child-safety
/// masking hid from the body (<c>phone_number</c>, <c>email</c>, <c>messaging_link</c>), and whether staff removed it
/// (then the body and attachments are empty).
/// </summary>
public sealed record MessageDto(
    string Id, string ConversationId, string SenderId, string? ClientId, string Body, IReadOnlyList<AttachmentDto> Attachments, DateTime SentAt,
    DateTime? DeliveredAt, DateTime? ReadAt, IReadOnlyList<string> Masked, bool Removed);

public sealed record OpenConversationRequest(string? MentorId);

/// <summary>API.md: <c>{ clientId (uuid), body (1–4000 characters), attachmentIds? }</c>.</summary>
public sealed record PostMessageRequest(Guid? ClientId, string? Body, List<string>? AttachmentIds = null);

public sealed record ReadRequest(string? UpTo);

public sealed record ReportMessageRequest(string? Reason);

public sealed record MessageReportDto(string Id, string MessageId, string Status, DateTime CreatedAt);

/// <summary>A search hit: the message and the conversation it is in.</summary>
public sealed record MessageSearchHitDto(string ConversationId, ParticipantDto With, MessageDto Message);

/// <summary>
/// The data of a <c>read</c> event: <paramref name="UserId"/> received (<c>delivered</c>) or read (<c>read</c>) the messages of
/// <paramref name="ConversationId"/> up to <paramref name="UpTo"/>, sent at <paramref name="UpToSentAt"/>.
/// </summary>
public sealed record ReadEventDto(string ConversationId, string UserId, string Status, string UpTo, DateTime UpToSentAt, DateTime At);

/// <summary>The data of a <c>typing</c> event.</summary>
public sealed record TypingEventDto(string ConversationId, string UserId, string Name);

/// <summary>What a stored <c>message</c> event holds: ids only; each viewer's stream renders the message for them.</summary>
public sealed record MessageEvent(Guid ConversationId, Guid MessageId);

/// <summary>
/// The conversation page: the conversation, its messages oldest first, the id to load older ones before (null at the start),
/// whether the viewer is its mentor (who may block), whether its student is under 18 (contact details are masked), and
/// whether this is an older page rather than the latest.
/// </summary>
public sealed record ConversationView(
    ConversationSummaryDto Conversation, bool ViewerIsMentor, bool WithMinor, IReadOnlyList<MessageDto> Messages, string? OlderBefore, bool Historical)
{
    public const int PageSize = 30;
}
