using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Notifications;

/// <summary>
/// What a notification is about, for the recipient's preferences (API.md: bookings, reminders, messages, reviews, payouts).
/// <see cref="Account"/> is about the account itself (verification moved, a staff warning): always sent, never
/// unsubscribable, like a password-reset mail.
/// </summary>
public enum NotificationCategory
{
    Account,
    Bookings,
    Reminders,
    Messages,
    Reviews,
    Payouts,
}

public enum NotificationChannel
{
    Email,
    InApp,
}

/// <summary>
/// One entry of a user's notification centre (the bell), written in the recipient's language when it was made. <see cref="Kind"/>
/// names what happened (<c>message.received</c>, <c>session.reminder</c>, <c>verification.moved</c>); <see cref="Link"/> is the
/// site path of its subject.
/// </summary>
public sealed class Notification
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string UserId { get; init; }
    public required string Kind { get; init; }
    public NotificationCategory Category { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required string Link { get; init; }
    public Instant CreatedAt { get; init; }
    public Instant? ReadAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Kind).HasMaxLength(60);
        builder.Property(n => n.Category).HasConversion<SnakeCaseEnumConverter<NotificationCategory>>().HasMaxLength(20);
        builder.Property(n => n.Title).HasMaxLength(Notification.MaxTitleLength);
        builder.Property(n => n.Body).HasMaxLength(Notification.MaxBodyLength);
        builder.Property(n => n.Link).HasMaxLength(500);
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        // The centre, newest first; and the bell's unread count.
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
    }
}
