using Gurukul.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Messaging;

/// <summary>
/// A "new messages while you were away" notice waiting for one person in one conversation. Its key is the pair, so however
/// many messages arrive meanwhile (on however many nodes) there is one notice, sent when it falls due if they are still
/// unread (<c>AwayAlertJob</c>).
/// </summary>
public sealed class MessageAlert
{
    public required Guid ConversationId { get; init; }
    public required string UserId { get; init; }
    public Instant DueAt { get; init; }
}

internal sealed class MessageAlertConfiguration : IEntityTypeConfiguration<MessageAlert>
{
    public void Configure(EntityTypeBuilder<MessageAlert> builder)
    {
        builder.ToTable("message_alerts");
        builder.HasKey(a => new { a.ConversationId, a.UserId });
        builder.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.UserId);
    }
}
