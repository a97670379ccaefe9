using System.Security.Claims;
using Gurukul.Platform.Data;
using Gurukul.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Messaging;

/// <summary>
/// A guardian reads their child's conversations (PRD §14.3), read-only: nothing is marked delivered or read, and nothing can
/// be posted. The guardian view itself (who is whose guardian, the guardian link, its page) belongs to the guardian feature
/// (issue 18), which checks that relationship before calling here and passes the guardian's signed-in principal, for whose
/// session attachment links are signed (docs/adr/0028-realtime-stream.md).
/// </summary>
public sealed class GuardianConversations(GurukulDbContext db, ConversationService conversations, MessageViews views)
{
    public const int PageSize = 50;

    /// <summary>The child's conversations, the most recently active first, as the child's own list shows them.</summary>
    public async Task<IReadOnlyList<ConversationSummaryDto>> ConversationsOfChildAsync(string childUserId, ClaimsPrincipal guardian, CancellationToken cancellationToken)
    {
        var mine = await db.Set<Conversation>().AsNoTracking()
            .Where(c => c.StudentUserId == childUserId)
            .OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken);
        return await conversations.SummariesAsync(childUserId, mine, guardian, cancellationToken);
    }

    /// <summary>A page of one of the child's conversations, newest first (404 for a conversation that is not the child's).</summary>
    public async Task<ListResponse<MessageDto>> MessagesOfChildAsync(
        string childUserId, string conversationId, string? before, ClaimsPrincipal guardian, CancellationToken cancellationToken)
    {
        var conversation = await conversations.MineAsync(childUserId, conversationId, tracked: false, cancellationToken);
        var page = await conversations.PageAsync(conversation.Id, before, PageSize, cancellationToken);
        var shown = page.Take(PageSize).ToList();
        return new ListResponse<MessageDto>(await views.RenderAsync(shown, guardian, cancellationToken), page.Count > PageSize ? shown[^1].Id.ToString() : null);
    }
}
