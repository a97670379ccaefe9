namespace Gurukul.Features.Messaging;

/// <summary>The <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    /// <summary>Messages one person may send in <see cref="FloodWindow"/> across all their conversations; more is 429.</summary>
    public int FloodLimit { get; set; } = 20;

    public TimeSpan FloodWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attachments one person may upload in an hour.</summary>
    public int UploadsPerHour { get; set; } = 30;

    /// <summary>How long unread messages wait before their recipient, away, is told by a notification (and mail).</summary>
    public TimeSpan AwayAlertDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a signed attachment link works: a chat left open that long fetches fresh links.</summary>
    public TimeSpan AttachmentLinkLifetime { get; set; } = TimeSpan.FromHours(1);
}
