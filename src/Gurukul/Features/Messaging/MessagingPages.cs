using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;
using Gurukul.Features.Messaging.Pages;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Storage;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Messaging;

/// <summary>
/// The form and fragment side of messaging. Every form works without JavaScript (post, then a 303 back, so a reload never
/// posts again); the chat script and htmx fetch the same server-rendered bubbles the page is made of.
/// </summary>
public static class MessagingPages
{
    public const string ReportPath = "/messages/report";
    public const string ModerationPath = "/admin/moderation";

    public static IEndpointRouteBuilder MapMessagingPages(this IEndpointRouteBuilder app)
    {
        app.MapPost(MessagingPaths.Open, async (ConversationService conversations, ClaimsPrincipal principal, IAntiforgery antiforgery, HttpContext http) =>
            {
                if (await ReadFormAsync(http, antiforgery) is not { } form)
                {
                    return FormRedirects.SeeOther(http, "/error/400");
                }

                try
                {
                    var (conversation, _) = await conversations.OpenAsync(AccountsEndpoints.UserId(principal), form["mentorId"], http.RequestAborted);
                    return FormRedirects.SeeOther(http, MessagingPaths.Conversation(Guid.Parse(conversation.Id)));
                }
                catch (DomainException refused)
                {
                    return FormRedirects.SeeOther(http, $"/error/{ProblemMapping.StatusFor(refused)}");
                }
            })
            .RequireAuthorization(Policies.Student).DisableAntiforgery().ExcludeFromDescription();

        app.MapPost("/messages/{id}/send", async (string id, ConversationService conversations, ClaimsPrincipal principal, IAntiforgery antiforgery, HttpContext http) =>
            {
                if (await ReadFormAsync(http, antiforgery) is not { } form)
                {
                    return FormRedirects.SeeOther(http, "/error/400");
                }

                var me = AccountsEndpoints.UserId(principal);
                try
                {
                    List<string> attachments = [];
                    if (form.Files.GetFile("file") is { Length: > 0 } file)
                    {
                        attachments.Add((await conversations.UploadAsync(me, id, file, principal, http.RequestAborted)).Id);
                    }

                    var clientId = Guid.TryParse(form["clientId"], out var parsed) ? parsed : Guid.NewGuid();
                    await conversations.PostAsync(me, id, new PostMessageRequest(clientId, form["body"], attachments), principal, http.RequestAborted);
                    return FormRedirects.SeeOther(http, MessagingPaths.Conversation(Guid.Parse(id)) + "#compose");
                }
                catch (NotFoundException)
                {
                    return FormRedirects.SeeOther(http, "/error/404");
                }
                catch (DomainException refused)
                {
                    return FormRedirects.SeeOther(http, $"{MessagingPaths.Conversation(Guid.Parse(id))}?error={ErrorCode(refused)}#compose");
                }
            })
            .RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();

        app.MapPost("/messages/{id}/block", async (string id, ConversationService conversations, ClaimsPrincipal principal, IAntiforgery antiforgery, HttpContext http) =>
            {
                if (await ReadFormAsync(http, antiforgery) is not { } form)
                {
                    return FormRedirects.SeeOther(http, "/error/400");
                }

                var blocked = form["blocked"] == "true";
                try
                {
                    await conversations.SetBlockedAsync(AccountsEndpoints.UserId(principal), id, blocked, ClientInfo.From(http), http.RequestAborted);
                }
                catch (DomainException refused)
                {
                    return FormRedirects.SeeOther(http, $"/error/{ProblemMapping.StatusFor(refused)}");
                }

                return FormRedirects.SeeOther(http, $"{MessagingPaths.Conversation(Guid.Parse(id))}?notice={(blocked ? "blocked" : "unblocked")}");
            })
            .RequireAuthorization(Policies.Mentor).DisableAntiforgery().ExcludeFromDescription();

        app.MapPost(ReportPath, async (MessageModeration moderation, ClaimsPrincipal principal, IAntiforgery antiforgery, HttpContext http) =>
            {
                if (await ReadFormAsync(http, antiforgery) is not { } form || !Guid.TryParse(form["conversationId"], out var conversationId))
                {
                    return FormRedirects.SeeOther(http, "/error/400");
                }

                try
                {
                    await moderation.ReportAsync(AccountsEndpoints.UserId(principal), form["messageId"].ToString(), new ReportMessageRequest(form["reason"]), http.RequestAborted);
                }
                catch (NotFoundException)
                {
                    return FormRedirects.SeeOther(http, "/error/404");
                }
                catch (DomainException refused)
                {
                    return FormRedirects.SeeOther(http, $"{MessagingPaths.Conversation(conversationId)}?error={ErrorCode(refused)}");
                }

                return FormRedirects.SeeOther(http, $"{MessagingPaths.Conversation(conversationId)}?notice=reported");
            })
            .RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();

        // Fragments: older bubbles for the sentinel, the ones a page missed, and one bubble (new, or changed by moderation).
        app.MapGet("/messages/{id}/older", async (string id, string? before, ConversationService conversations, ClaimsPrincipal principal, HttpContext http) =>
            {
                var me = AccountsEndpoints.UserId(principal);
                var view = await conversations.ViewAsync(me, id, before, principal, http.RequestAborted);
                return new RazorComponentResult<MessageItems>(new
                {
                    ConversationId = Guid.Parse(id), view.Messages, view.OlderBefore, ViewerId = me,
                    TimeZone = await conversations.TimeZoneOfAsync(me, http.RequestAborted),
                });
            })
            .RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/messages/{id}/after", async (string id, string? after, ConversationService conversations, ClaimsPrincipal principal, HttpContext http) =>
            {
                var me = AccountsEndpoints.UserId(principal);
                var messages = await conversations.AfterAsync(me, id, after, principal, http.RequestAborted);
                return new RazorComponentResult<MessageItems>(new
                {
                    ConversationId = Guid.Parse(id), Messages = messages, ViewerId = me, TimeZone = await conversations.TimeZoneOfAsync(me, http.RequestAborted),
                });
            })
            .RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/messages/{id}/m/{messageId}", async (string id, string messageId, ConversationService conversations, ClaimsPrincipal principal, HttpContext http) =>
            {
                var me = AccountsEndpoints.UserId(principal);
                var message = await conversations.MessageAsync(me, id, messageId, principal, http.RequestAborted);
                return new RazorComponentResult<MessageBubble>(new
                {
                    Message = message, ViewerId = me, TimeZone = await conversations.TimeZoneOfAsync(me, http.RequestAborted),
                });
            })
            .RequireAuthorization().ExcludeFromDescription();

        // Staff act on a report from the moderation page: hide the message, warn or suspend its sender, or dismiss the report.
        app.MapPost(ModerationPath + "/{reportId}", async (string reportId, MessageModeration moderation, ClaimsPrincipal principal, IAntiforgery antiforgery, HttpContext http) =>
            {
                if (await ReadFormAsync(http, antiforgery) is not { } form)
                {
                    return FormRedirects.SeeOther(http, "/error/400");
                }

                var staff = AccountsEndpoints.UserId(principal);
                var client = ClientInfo.From(http);
                string action = form["action"].ToString(), reason = form["reason"].ToString();
                try
                {
                    var report = await moderation.GetReportAsync(reportId, principal, http.RequestAborted);
                    switch (action)
                    {
                        case "hide":
                            await moderation.ModerateAsync(staff, report.Message.Id, new MessageModerationRequest("hide", reason), client, principal, http.RequestAborted);
                            break;
                        case "warn":
                            await moderation.WarnAsync(staff, report.Sender.Id, new WarningRequest(reason, report.Message.Id), client, http.RequestAborted);
                            break;
                        case "suspend" when principal.IsInRole(Roles.Admin):
                            await moderation.SuspendSenderAsync(staff, reportId, reason, client, http.RequestAborted);
                            break;
                        case "dismiss":
                            await moderation.CloseAsync(staff, reportId, new CloseReportRequest(reason), client, http.RequestAborted);
                            break;
                        default:
                            return FormRedirects.SeeOther(http, "/error/400");
                    }
                }
                catch (ValidationException)
                {
                    return FormRedirects.SeeOther(http, $"{ModerationPath}?error=reason#report-{reportId}");
                }
                catch (DomainException refused)
                {
                    return FormRedirects.SeeOther(http, $"/error/{ProblemMapping.StatusFor(refused)}");
                }

                return FormRedirects.SeeOther(http, $"{ModerationPath}?done={action}");
            })
            .RequireAuthorization(Policies.Staff).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The form, when the antiforgery check passes. Checked here rather than by the framework, whose failure throws where the
    /// error page cannot be re-executed for a POST (see MentorPreferencePages).
    /// </summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http, IAntiforgery antiforgery) =>
        http.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(http) ? await http.Request.ReadFormAsync(http.RequestAborted) : null;

    /// <summary>The short name of a refusal, for <c>?error=</c>: the page says it in the reader's language.</summary>
    private static string ErrorCode(DomainException refused) => refused switch
    {
        ValidationException validation when validation.Errors.ContainsKey(Uploads.Field) => "file",
        ValidationException validation when validation.Errors.ContainsKey("reason") => "reason",
        ValidationException => "body",
        PayloadTooLargeException => "too_large",
        TooManyRequestsException => "flooding",
        ForbiddenException => "forbidden",
        _ => "conflict",
    };
}
