using System.Security.Claims;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Platform.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Messaging;

/// <summary>
/// Renders a <c>message</c> event for one viewer when their stream sends it: the message as they see it (attachment links
/// signed for their session). The message reaching the other party's device is "delivered", which its sender hears of.
/// </summary>
internal sealed class MessageEventRenderer(GurukulDbContext db, MessageViews views, ConversationService conversations) : IRealtimeEventRenderer
{
    public string Type => RealtimeEventTypes.Message;

    public async Task<string?> RenderAsync(RealtimeEvent stored, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var ids = JsonSerializer.Deserialize<MessageEvent>(stored.Data, JsonSerializerOptions.Web);
        var message = ids is null ? null : await db.Set<Message>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == ids.MessageId, cancellationToken);
        var conversation = message is null ? null : await db.Set<Conversation>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == message.ConversationId, cancellationToken);
        if (message is null || conversation is null || !conversation.HasMember(stored.UserId))
        {
            return null;
        }

        await conversations.MarkDeliveredAsync(conversation, stored.UserId, [message], cancellationToken);
        return JsonSerializer.Serialize((await views.RenderAsync([message], viewer, cancellationToken))[0], JsonSerializerOptions.Web);
    }
}

/// <summary>Presence is told to the people one talks to: the other person of each of one's conversations.</summary>
internal sealed class ConversationContacts(GurukulDbContext db) : IPresenceAudience
{
    public async Task<IReadOnlyList<string>> ContactsOfAsync(string userId, CancellationToken cancellationToken) =>
        await db.Set<Conversation>().AsNoTracking()
            .Where(c => c.StudentUserId == userId || c.MentorUserId == userId)
            .Select(c => c.StudentUserId == userId ? c.MentorUserId : c.StudentUserId)
            .ToListAsync(cancellationToken);
}
