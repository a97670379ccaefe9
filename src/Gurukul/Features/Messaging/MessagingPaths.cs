namespace Gurukul.Features.Messaging;

/// <summary>
/// The site paths of messaging, for links from other features: a booking page links to its conversation with
/// <see cref="Conversation(Guid)"/>, and offers to start one with a form posting a mentor's id to <see cref="Open"/>
/// (or, from code, <see cref="ConversationService.OpenBetweenAsync"/>).
/// </summary>
public static class MessagingPaths
{
    public const string Inbox = "/messages";

    /// <summary>POST a form with <c>mentorId</c> here: opens (or finds) the student's conversation with that mentor and goes to it.</summary>
    public const string Open = "/messages/open";

    public static string Conversation(Guid conversationId) => $"/messages/{conversationId}";
}
