using System.Security.Claims;
using Gurukul.Platform.Data;
using Gurukul.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Messaging;

/// <summary>Messages and people as the API and pages show them to one viewer: attachment links signed for the viewer's session.</summary>
public sealed class MessageViews(GurukulDbContext db, SignedFileLinks links, IOptions<MessagingOptions> options)
{
    /// <summary>The messages as <paramref name="viewer"/> sees them, in the order given, with their attachments (one query).</summary>
    public async Task<List<MessageDto>> RenderAsync(IReadOnlyList<Message> messages, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var ids = messages.Where(m => !m.IsHidden).Select(m => (Guid?)m.Id).ToList();
        var attachments = ids.Count == 0
            ? []
            : await db.Set<MessageAttachment>().AsNoTracking().Where(a => ids.Contains(a.MessageId)).ToListAsync(cancellationToken);
        var byMessage = attachments.OrderBy(a => a.UploadedAt).ToLookup(a => a.MessageId!.Value);
        // A guardian reading a child's conversation is neither party: no message is theirs.
        var viewerId = viewer.FindFirstValue(ClaimTypes.NameIdentifier);
        return [.. messages.Select(m => Render(m, byMessage[m.Id], viewerId, viewer))];
    }

    public AttachmentDto Render(MessageAttachment a, ClaimsPrincipal viewer) =>
        new(a.Id.ToString(), a.FileName, a.ContentType, a.SizeBytes, links.Create(a.StorageKey, a.FileName, options.Value.AttachmentLinkLifetime, viewer));

    /// <summary>People by user id, with their public photo when they have one.</summary>
    public async Task<Dictionary<string, ParticipantDto>> ParticipantsAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.PhotoKey }).ToListAsync(cancellationToken);
        return people.ToDictionary(
            p => p.Id, p => new ParticipantDto(p.Id, p.Name, PublicFiles.IsPublic(p.PhotoKey) ? PublicFiles.Url(p.PhotoKey!) : null), StringComparer.Ordinal);
    }

    private MessageDto Render(Message m, IEnumerable<MessageAttachment> attachments, string? viewerId, ClaimsPrincipal viewer) => new(
        m.Id.ToString(), m.ConversationId.ToString(), m.SenderUserId, m.SenderUserId == viewerId ? m.ClientId.ToString() : null,
        m.IsHidden ? "" : m.Body, m.IsHidden ? [] : [.. attachments.Select(a => Render(a, viewer))],
        m.SentAt.ToDateTimeUtc(), m.DeliveredAt?.ToDateTimeUtc(), m.ReadAt?.ToDateTimeUtc(), m.IsHidden ? [] : m.Masked, m.IsHidden);
}
