using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Messaging;

public static class MessagingEndpoints
{
    private const string Tag = "Messages and notifications";

    public static IEndpointRouteBuilder MapMessagingApi(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/v1/conversations").WithTags(Tag).RequireAuthorization();
        conversations.MapPost("", Open).RequireAuthorization(Policies.Student).WithName("OpenConversation")
            .WithSummary("A student opens (201) or finds again (200) their conversation with a mentor: { mentorId }")
            .WithDescription("A mentor answers conversations; they do not open them. 404 for a mentor who is not public; 403 for an account "
                + "that may not message (pending guardian consent, suspended).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversations.MapGet("", List).WithName("ListConversations")
            .WithSummary("The caller's conversations, most recent first, each with its last message and unread count")
            .ProducesValidationProblem();
        conversations.MapGet("/search", Search).WithName("SearchMessages")
            .WithSummary("Messages of the caller's conversations containing q (2–100 characters), newest first")
            .ProducesValidationProblem();
        conversations.MapGet("/{id}/messages", Messages).WithName("ListMessages")
            .WithSummary("A conversation's messages, newest first; before=<message id> for older ones")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversations.MapPost("/{id}/messages", Post).WithName("PostMessage")
            .WithSummary("Post a message: { clientId (uuid), body (1–4000 characters), attachmentIds? }; the same clientId again returns the same message")
            .WithDescription("201 for a new message, 200 for a repeated clientId. In a conversation with a student under 18, phone numbers, "
                + "email addresses and links to outside messaging apps are masked; masked names what was. 403 when the mentor blocked the "
                + "student or the account may not message; 409 when a mentor writes to a student they blocked; 429 with Retry-After when flooding.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        conversations.MapPost("/{id}/attachments", Upload).WithName("UploadAttachment")
            .WithSummary("Upload a file to attach to the next message (multipart file: PDF, JPEG or PNG judged by its bytes, at most 10 MB)")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        conversations.MapPost("/{id}/read", Read).WithName("MarkConversationRead")
            .WithSummary("The caller has read the other party's messages up to { upTo: messageId }")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversations.MapPost("/{id}/typing", Typing).WithName("SignalTyping")
            .WithSummary("The caller is typing: the other party's open streams get a typing event")
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversations.MapPost("/{id}/block", Block).RequireAuthorization(Policies.Mentor).WithName("BlockStudent")
            .WithSummary("The mentor blocks the student of this conversation: their messages are refused (403) until unblocked")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversations.MapDelete("/{id}/block", Unblock).RequireAuthorization(Policies.Mentor).WithName("UnblockStudent")
            .WithSummary("The mentor unblocks the student of this conversation")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/v1/messages/{id}/report", Report).WithTags(Tag).RequireAuthorization().WithName("ReportMessage")
            .WithSummary("Report a message of one of the caller's conversations to staff: { reason }; reporting it again returns the first report")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var staff = app.MapGroup("/api/v1/admin").WithTags("Moderation").RequireAuthorization(Policies.Staff);
        staff.MapGet("/message-reports", Queue).WithName("ListMessageReports")
            .WithSummary("Reported messages (status=open, the default, or closed), oldest first, each with the messages around it")
            .ProducesValidationProblem();
        staff.MapPost("/message-reports/{id}/close", Close).WithName("CloseMessageReport")
            .WithSummary("Dismiss a report with a note: { note }")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/messages/{id}/moderation", Moderate).WithName("ModerateMessage")
            .WithSummary("Hide a message from both parties, or restore it: { action: \"hide\"|\"restore\", reason }; closes its reports")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/users/{userId}/warnings", Warn).WithName("WarnUser")
            .WithSummary("Warn a user (a notification and mail they cannot turn off): { reason, messageId? }; closes that message's reports")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Created<ConversationDto>, Ok<ConversationDto>>> Open(
        OpenConversationRequest request, ClaimsPrincipal principal, ConversationService conversations, CancellationToken cancellationToken)
    {
        var (conversation, created) = await conversations.OpenAsync(AccountsEndpoints.UserId(principal), request.MentorId, cancellationToken);
        return created ? TypedResults.Created($"/api/v1/conversations/{conversation.Id}/messages", conversation) : TypedResults.Ok(conversation);
    }

    private static async Task<Ok<ListResponse<ConversationSummaryDto>>> List(
        int? limit, string? cursor, ClaimsPrincipal principal, ConversationService conversations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await conversations.ListAsync(AccountsEndpoints.UserId(principal), limit, cursor, principal, cancellationToken));

    private static async Task<Ok<ListResponse<MessageSearchHitDto>>> Search(
        string? q, int? limit, string? cursor, ClaimsPrincipal principal, ConversationService conversations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await conversations.SearchAsync(AccountsEndpoints.UserId(principal), q, limit, cursor, principal, cancellationToken));

    private static async Task<Ok<ListResponse<MessageDto>>> Messages(
        string id, string? before, int? limit, ClaimsPrincipal principal, ConversationService conversations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await conversations.MessagesAsync(AccountsEndpoints.UserId(principal), id, before, limit, principal, cancellationToken));

    private static async Task<Results<Created<MessageDto>, Ok<MessageDto>>> Post(
        string id, PostMessageRequest request, ClaimsPrincipal principal, ConversationService conversations, CancellationToken cancellationToken)
    {
        var (message, created) = await conversations.PostAsync(AccountsEndpoints.UserId(principal), id, request, principal, cancellationToken);
        return created ? TypedResults.Created($"/api/v1/conversations/{id}/messages", message) : TypedResults.Ok(message);
    }

    private static async Task<Created<AttachmentDto>> Upload(
        string id, IFormFile? file, ClaimsPrincipal principal, ConversationService conversations, CancellationToken cancellationToken)
    {
        var attachment = await conversations.UploadAsync(AccountsEndpoints.UserId(principal), id, file, principal, cancellationToken);
        return TypedResults.Created($"/api/v1/conversations/{id}/attachments/{attachment.Id}", attachment);
    }

    private static async Task<NoContent> Read(string id, ReadRequest request, ClaimsPrincipal principal, ConversationService conversations, CancellationToken cancellationToken)
    {
        await conversations.ReadAsync(AccountsEndpoints.UserId(principal), id, request, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Typing(string id, ClaimsPrincipal principal, ConversationService conversations, CancellationToken cancellationToken)
    {
        await conversations.TypingAsync(AccountsEndpoints.UserId(principal), id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Block(string id, ClaimsPrincipal principal, ConversationService conversations, HttpContext http, CancellationToken cancellationToken)
    {
        await conversations.SetBlockedAsync(AccountsEndpoints.UserId(principal), id, blocked: true, ClientInfo.From(http), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Unblock(string id, ClaimsPrincipal principal, ConversationService conversations, HttpContext http, CancellationToken cancellationToken)
    {
        await conversations.SetBlockedAsync(AccountsEndpoints.UserId(principal), id, blocked: false, ClientInfo.From(http), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<MessageReportDto>, Ok<MessageReportDto>>> Report(
        string id, ReportMessageRequest request, ClaimsPrincipal principal, MessageModeration moderation, CancellationToken cancellationToken)
    {
        var (report, created) = await moderation.ReportAsync(AccountsEndpoints.UserId(principal), id, request, cancellationToken);
        return created ? TypedResults.Created($"/api/v1/admin/message-reports/{report.Id}", report) : TypedResults.Ok(report);
    }

    private static async Task<Ok<ListResponse<MessageReportQueueItemDto>>> Queue(
        string? status, int? limit, string? cursor, ClaimsPrincipal principal, MessageModeration moderation, CancellationToken cancellationToken) =>
        TypedResults.Ok(await moderation.QueueAsync(status, limit, cursor, principal, cancellationToken));

    private static async Task<Ok<MessageReportDto>> Close(
        string id, CloseReportRequest request, ClaimsPrincipal principal, MessageModeration moderation, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await moderation.CloseAsync(AccountsEndpoints.UserId(principal), id, request, ClientInfo.From(http), cancellationToken));

    private static async Task<Ok<StaffMessageDto>> Moderate(
        string id, MessageModerationRequest request, ClaimsPrincipal principal, MessageModeration moderation, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await moderation.ModerateAsync(AccountsEndpoints.UserId(principal), id, request, ClientInfo.From(http), principal, cancellationToken));

    private static async Task<NoContent> Warn(
        string userId, WarningRequest request, ClaimsPrincipal principal, MessageModeration moderation, HttpContext http, CancellationToken cancellationToken)
    {
        await moderation.WarnAsync(AccountsEndpoints.UserId(principal), userId, request, ClientInfo.From(http), cancellationToken);
        return TypedResults.NoContent();
    }
}
