namespace Gurukul.Platform.Realtime;

/// <summary>
/// The SSE <c>event:</c> names of API.md (message, read, typing, notification, booking) and Gurukul's additions. A feature
/// that needs a new kind of push (the session room's signalling) adds its name here and publishes through
/// <see cref="RealtimeHub"/>; nothing else changes.
/// </summary>
public static class RealtimeEventTypes
{
    /// <summary>A message was posted (or changed by moderation) in one of the user's conversations. Durable.</summary>
    public const string Message = "message";

    /// <summary>A message reached the other party's device, or was read by them. Durable.</summary>
    public const string Read = "read";

    /// <summary>Someone is typing in one of the user's conversations. Ephemeral.</summary>
    public const string Typing = "typing";

    /// <summary>A notification arrived, or the unread count changed. Durable.</summary>
    public const string Notification = "notification";

    /// <summary>A booking of the user changed (added by the bookings feature). Durable.</summary>
    public const string Booking = "booking";

    /// <summary>One of the user's contacts came online or went offline. Ephemeral.</summary>
    public const string Presence = "presence";
}
