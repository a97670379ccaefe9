using Gurukul.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Messaging;

/// <summary>
/// A file uploaded into a conversation (PDF or image, judged by its bytes), then attached to one message by its uploader.
/// The bytes are a private stored file, reached through links signed for the viewer's session.
/// </summary>
public sealed class MessageAttachment
{
    public const int MaxFileNameLength = 200;
    public const int MaxPerMessage = 5;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required Guid ConversationId { get; init; }
    public required string UploaderUserId { get; init; }
    public Guid? MessageId { get; set; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long SizeBytes { get; init; }
    public required string Sha256 { get; init; }
    public required string StorageKey { get; init; }
    public Instant UploadedAt { get; init; }
}

internal sealed class MessageAttachmentConfiguration : IEntityTypeConfiguration<MessageAttachment>
{
    public void Configure(EntityTypeBuilder<MessageAttachment> builder)
    {
        builder.ToTable("message_attachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.FileName).HasMaxLength(MessageAttachment.MaxFileNameLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.StorageKey).HasMaxLength(512);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Message>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UploaderUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.MessageId);
        builder.HasIndex(a => a.ConversationId);
    }
}
