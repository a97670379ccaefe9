namespace Gurukul.Features.Messaging;

/// <summary>A message as staff see it: always with its body and attachments, and whether it is hidden from the parties.</summary>
public sealed record StaffMessageDto(
    string Id, string ConversationId, string SenderId, string SenderName, string Body, IReadOnlyList<AttachmentDto> Attachments, DateTime SentAt,
    bool Hidden, IReadOnlyList<string> Masked);

/// <summary>One report in the moderation queue, with the reported message and the messages around it.</summary>
public sealed record MessageReportQueueItemDto(
    string Id, string Status, string Reason, DateTime CreatedAt, ParticipantDto Reporter, ParticipantDto Sender, bool StudentIsMinor,
    StaffMessageDto Message, IReadOnlyList<StaffMessageDto> Context, string? Resolution, DateTime? ClosedAt);

/// <summary><c>{ action: "hide"|"restore", reason }</c>, as for reviews.</summary>
public sealed record MessageModerationRequest(string? Action, string? Reason);

/// <summary>A warning to a user, with the message that earned it when there is one.</summary>
public sealed record WarningRequest(string? Reason, string? MessageId = null);

public sealed record CloseReportRequest(string? Note);
