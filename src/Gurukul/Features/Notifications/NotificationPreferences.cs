using Gurukul.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Notifications;

/// <summary>
/// Which categories a user wants by email and in the app (API.md <c>/me/notification-preferences</c>). Everything is on until
/// the user says otherwise; a user without a row has the defaults. <see cref="NotificationCategory.Account"/> cannot be
/// turned off.
/// </summary>
public sealed class NotificationPreferences
{
    public static readonly IReadOnlyList<NotificationCategory> Choosable =
        [NotificationCategory.Bookings, NotificationCategory.Reminders, NotificationCategory.Messages, NotificationCategory.Reviews, NotificationCategory.Payouts];

    public required string UserId { get; init; }
    public bool EmailBookings { get; set; } = true;
    public bool EmailReminders { get; set; } = true;
    public bool EmailMessages { get; set; } = true;
    public bool EmailReviews { get; set; } = true;
    public bool EmailPayouts { get; set; } = true;
    public bool InAppBookings { get; set; } = true;
    public bool InAppReminders { get; set; } = true;
    public bool InAppMessages { get; set; } = true;
    public bool InAppReviews { get; set; } = true;
    public bool InAppPayouts { get; set; } = true;
    public Instant UpdatedAt { get; set; }

    public bool Allows(NotificationCategory category, NotificationChannel channel) => category switch
    {
        NotificationCategory.Account => true,
        NotificationCategory.Bookings => channel == NotificationChannel.Email ? EmailBookings : InAppBookings,
        NotificationCategory.Reminders => channel == NotificationChannel.Email ? EmailReminders : InAppReminders,
        NotificationCategory.Messages => channel == NotificationChannel.Email ? EmailMessages : InAppMessages,
        NotificationCategory.Reviews => channel == NotificationChannel.Email ? EmailReviews : InAppReviews,
        NotificationCategory.Payouts => channel == NotificationChannel.Email ? EmailPayouts : InAppPayouts,
        _ => true,
    };

    public void Set(NotificationCategory category, NotificationChannel channel, bool on)
    {
        var email = channel == NotificationChannel.Email;
        switch (category)
        {
            case NotificationCategory.Bookings when email: EmailBookings = on; break;
            case NotificationCategory.Bookings: InAppBookings = on; break;
            case NotificationCategory.Reminders when email: EmailReminders = on; break;
            case NotificationCategory.Reminders: InAppReminders = on; break;
            case NotificationCategory.Messages when email: EmailMessages = on; break;
            case NotificationCategory.Messages: InAppMessages = on; break;
            case NotificationCategory.Reviews when email: EmailReviews = on; break;
            case NotificationCategory.Reviews: InAppReviews = on; break;
            case NotificationCategory.Payouts when email: EmailPayouts = on; break;
            case NotificationCategory.Payouts: InAppPayouts = on; break;
            default: throw new ArgumentOutOfRangeException(nameof(category), category, "Account notifications cannot be turned off.");
        }
    }
}

internal sealed class NotificationPreferencesConfiguration : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> builder)
    {
        builder.ToTable("notification_preferences");
        builder.HasKey(p => p.UserId);
        builder.HasOne<User>().WithOne().HasForeignKey<NotificationPreferences>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
