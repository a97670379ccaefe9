using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Mentors.Verification;

/// <summary>One move in a mentor's verification: the full history is these rows, oldest first; none is ever changed.</summary>
public sealed class VerificationEvent
{
    public const int MaxNotesLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MentorId { get; init; }
    public VerificationStatus FromStatus { get; init; }
    public VerificationStatus ToStatus { get; init; }

    /// <summary>Staff notes; for rejections and requests for changes, the reason the mentor is shown.</summary>
    public string? Notes { get; init; }

    /// <summary>Who moved it (the mentor when submitting); null once that account is deleted.</summary>
    public string? ActorUserId { get; init; }
    public Instant At { get; init; }
}

internal sealed class VerificationEventConfiguration : IEntityTypeConfiguration<VerificationEvent>
{
    public void Configure(EntityTypeBuilder<VerificationEvent> builder)
    {
        builder.ToTable("verification_events");
        builder.HasKey(e => e.Id);
        builder.HasOne<MentorProfile>().WithMany().HasForeignKey(e => e.MentorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.ActorUserId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(e => e.FromStatus).HasConversion<SnakeCaseEnumConverter<VerificationStatus>>().HasMaxLength(40);
        builder.Property(e => e.ToStatus).HasConversion<SnakeCaseEnumConverter<VerificationStatus>>().HasMaxLength(40);
        builder.Property(e => e.Notes).HasMaxLength(VerificationEvent.MaxNotesLength);
        builder.HasIndex(e => new { e.MentorId, e.At });
    }
}
