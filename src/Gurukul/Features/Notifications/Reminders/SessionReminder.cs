using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Notifications.Reminders;

public enum SessionReminderStatus
{
    Scheduled,
    Sent,

    /// <summary>The session was cancelled, or moved so close that this reminder's time had passed.</summary>
    Cancelled,
}

/// <summary>
/// One reminder of one session for one person at one offset (24 h, 1 h, 15 min before). The database holds one row per
/// (session, offset, recipient), and a reminder is sent by the one update that moves it from scheduled to sent, together
/// with its mail and notification: however many nodes and job retries there are, it goes out once.
/// </summary>
public sealed class SessionReminder
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string SessionKind { get; init; }
    public required string SessionId { get; init; }
    public required string RecipientUserId { get; init; }
    public int OffsetMinutes { get; init; }
    public Instant SessionStart { get; set; }
    public Instant DueAt { get; set; }

    /// <summary>Who the session is with, as the recipient knows them ("Lakshmi Prasanna Reddy").</summary>
    public required string WithName { get; set; }

    /// <summary>The site path of the session, for the mail and the notification.</summary>
    public required string Link { get; set; }

    public SessionReminderStatus Status { get; set; } = SessionReminderStatus.Scheduled;
    public Instant? SentAt { get; set; }
    public Instant CreatedAt { get; init; }
}

internal sealed class SessionReminderConfiguration : IEntityTypeConfiguration<SessionReminder>
{
    public void Configure(EntityTypeBuilder<SessionReminder> builder)
    {
        builder.ToTable("session_reminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.SessionKind).HasMaxLength(40);
        builder.Property(r => r.SessionId).HasMaxLength(100);
        builder.Property(r => r.WithName).HasMaxLength(200);
        builder.Property(r => r.Link).HasMaxLength(500);
        // The send is one update from scheduled to sent at the due time the job was made for: a second runner, or a job left
        // over from before a reschedule, finds either changed and sends nothing.
        builder.Property(r => r.Status).HasConversion<SnakeCaseEnumConverter<SessionReminderStatus>>().HasMaxLength(20).IsConcurrencyToken();
        builder.Property(r => r.DueAt).IsConcurrencyToken();
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.RecipientUserId).OnDelete(DeleteBehavior.Cascade);
        // Exactly one reminder per session, offset and person, whoever schedules it and however often.
        builder.HasIndex(r => new { r.SessionKind, r.SessionId, r.OffsetMinutes, r.RecipientUserId }).IsUnique();
        builder.HasIndex(r => r.RecipientUserId);
    }
}
