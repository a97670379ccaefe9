using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Messaging;

/// <summary>
/// The one conversation between a student and a mentor (API.md: a student opens it, the mentor answers). The mentor may
/// block the student: then the student cannot post (403) until the mentor unblocks them.
/// </summary>
public sealed class Conversation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string StudentUserId { get; init; }
    public required string MentorUserId { get; init; }

    /// <summary>The mentor's profile, for links to their public page.</summary>
    public required Guid MentorId { get; init; }

    public Instant CreatedAt { get; init; }

    /// <summary>The last message's time (or the opening): lists show the most recent conversation first.</summary>
    public Instant LastActivityAt { get; set; }

    /// <summary>When the mentor blocked the student, or null.</summary>
    public Instant? BlockedAt { get; private set; }

    public bool IsBlocked => BlockedAt is not null;

    public bool HasMember(string userId) => userId == StudentUserId || userId == MentorUserId;

    public string OtherMember(string userId) => userId == StudentUserId ? MentorUserId : StudentUserId;

    public void Block(Instant at) => BlockedAt ??= at;

    public void Unblock() => BlockedAt = null;
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("conversations");
        builder.HasKey(c => c.Id);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.StudentUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.MentorUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MentorProfile>().WithMany().HasForeignKey(c => c.MentorId).OnDelete(DeleteBehavior.Cascade);
        // One conversation per pair, even when two first messages race: the second open finds the first.
        builder.HasIndex(c => new { c.StudentUserId, c.MentorUserId }).IsUnique();
        builder.HasIndex(c => c.MentorUserId);
        builder.HasIndex(c => c.MentorId);
        builder.Ignore(c => c.IsBlocked);
    }
}
