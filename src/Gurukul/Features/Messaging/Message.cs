using Gurukul.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Messaging;

/// <summary>
/// One message. <see cref="ClientId"/> is the sender's idempotency key: posting it again returns this message, so a
/// message sent from a flaky connection and retried exists once. Conversations are between two people, so a message is
/// delivered (reached the other party's device) and read once each.
/// </summary>
public sealed class Message
{
    public const int MaxBodyLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required Guid ConversationId { get; init; }
    public required string SenderUserId { get; init; }
    public required Guid ClientId { get; init; }

    /// <summary>What both parties see: with contact details masked in a conversation with a minor (<see cref="MaskedKinds"/>).</summary>
    public required string Body { get; init; }

    public Instant SentAt { get; init; }
    public Instant? DeliveredAt { get; set; }
    public Instant? ReadAt { get; set; }

    /// <summary>What was masked, comma-separated (<see cref="ContactDetails"/> kinds), or null when nothing was.</summary>
    public string? MaskedKinds { get; init; }

    /// <summary>Set when staff hid the message: the parties see that a message was removed, not what it said.</summary>
    public Instant? HiddenAt { get; private set; }

    public string? HiddenByUserId { get; private set; }

    public bool IsHidden => HiddenAt is not null;

    public IReadOnlyList<string> Masked => MaskedKinds is null ? [] : MaskedKinds.Split(',');

    public void Hide(string staffUserId, Instant at)
    {
        HiddenAt ??= at;
        HiddenByUserId ??= staffUserId;
    }

    public void Restore()
    {
        HiddenAt = null;
        HiddenByUserId = null;
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Body).HasMaxLength(Message.MaxBodyLength);
        builder.Property(m => m.MaskedKinds).HasMaxLength(100);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.SenderUserId).OnDelete(DeleteBehavior.Cascade);
        // The idempotency key: a retried post finds the first one, even when both arrive at once.
        builder.HasIndex(m => new { m.SenderUserId, m.ClientId }).IsUnique();
        // Pages of a conversation, newest first; and a sender's recent messages, for the flood limit.
        builder.HasIndex(m => new { m.ConversationId, m.SentAt });
        builder.HasIndex(m => new { m.SenderUserId, m.SentAt });
        builder.Ignore(m => m.IsHidden);
        builder.Ignore(m => m.Masked);
    }
}
