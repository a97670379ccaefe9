using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Messaging;

public enum MessageReportStatus
{
    Open,
    Closed,
}

/// <summary>Someone in a conversation reported a message to staff; it waits in the moderation queue until staff act on it.</summary>
public sealed class MessageReport
{
    public const int MaxReasonLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required Guid MessageId { get; init; }
    public required string ReporterUserId { get; init; }
    public required string Reason { get; init; }
    public Instant CreatedAt { get; init; }
    public MessageReportStatus Status { get; private set; } = MessageReportStatus.Open;
    public Instant? ClosedAt { get; private set; }
    public string? ClosedByUserId { get; private set; }

    /// <summary>What staff did: hide, warn, suspend or dismiss, with their note.</summary>
    public string? Resolution { get; private set; }

    public void Close(string staffUserId, string resolution, Instant at)
    {
        if (Status == MessageReportStatus.Closed)
        {
            return;
        }

        Status = MessageReportStatus.Closed;
        ClosedAt = at;
        ClosedByUserId = staffUserId;
        Resolution = resolution.Length > MaxReasonLength ? resolution[..MaxReasonLength] : resolution;
    }
}

internal sealed class MessageReportConfiguration : IEntityTypeConfiguration<MessageReport>
{
    public void Configure(EntityTypeBuilder<MessageReport> builder)
    {
        builder.ToTable("message_reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reason).HasMaxLength(MessageReport.MaxReasonLength);
        builder.Property(r => r.Resolution).HasMaxLength(MessageReport.MaxReasonLength);
        builder.Property(r => r.Status).HasConversion<SnakeCaseEnumConverter<MessageReportStatus>>().HasMaxLength(20);
        builder.HasOne<Message>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.ReporterUserId).OnDelete(DeleteBehavior.Cascade);
        // One report per person per message: reporting again changes nothing.
        builder.HasIndex(r => new { r.MessageId, r.ReporterUserId }).IsUnique();
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
    }
}
