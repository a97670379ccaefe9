namespace Gurukul.Features.Notifications;

/// <summary>API.md: <c>{ id, kind, title, body, link, createdAt, readAt? }</c>.</summary>
public sealed record NotificationDto(string Id, string Kind, string Title, string Body, string Link, DateTime CreatedAt, DateTime? ReadAt)
{
    public static NotificationDto From(Notification n) =>
        new(n.Id.ToString(), n.Kind, n.Title, n.Body, n.Link, n.CreatedAt.ToDateTimeUtc(), n.ReadAt?.ToDateTimeUtc());
}

/// <summary>API.md: <c>{ items, unreadCount, nextCursor }</c>.</summary>
public sealed record NotificationListResponse(IReadOnlyList<NotificationDto> Items, int UnreadCount, string? NextCursor);

/// <summary><c>{ ids: [...] }</c> or <c>{ all: true }</c>.</summary>
public sealed record MarkNotificationsReadRequest(List<string>? Ids = null, bool? All = null);

/// <summary>One channel's switches, by category.</summary>
public sealed record ChannelPreferencesDto(bool Bookings, bool Reminders, bool Messages, bool Reviews, bool Payouts);

/// <summary>API.md: <c>{ email: { bookings, reminders, messages, reviews, payouts }, inApp: { … } }</c>.</summary>
public sealed record NotificationPreferencesDto(ChannelPreferencesDto Email, ChannelPreferencesDto InApp);

/// <summary>A channel's switches as sent: every one is required, so a missing key is a 400 naming it.</summary>
public sealed record ChannelPreferencesRequest(bool? Bookings, bool? Reminders, bool? Messages, bool? Reviews, bool? Payouts);

public sealed record NotificationPreferencesRequest(ChannelPreferencesRequest? Email, ChannelPreferencesRequest? InApp);

/// <summary>The data of a <c>notification</c> event: the new notification (none when only the unread count changed) and the count.</summary>
public sealed record NotificationEventDto(NotificationDto? Notification, int UnreadCount);
