using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gurukul.Features.Mentors.Verification;

/// <summary>API.md "Mentor profile and verification": the mentor's documents and submission, and the staff queue.</summary>
public static class MentorVerificationEndpoints
{
    private const string DocumentsPath = "/api/v1/me/mentor-profile/documents";

    public static IEndpointRouteBuilder MapMentorVerificationApi(this IEndpointRouteBuilder app)
    {
        var mentor = app.MapGroup("/api/v1/me/mentor-profile").WithTags("Mentor verification").RequireAuthorization(Policies.Mentor);
        mentor.MapPost("/documents", UploadDocument).WithName("UploadMentorDocument")
            .WithSummary("Attach a verification document (multipart: file, kind = id_proof|degree_certificate|experience_letter)")
            .WithDescription("PDF, JPEG or PNG judged by the bytes, at most 10 MB (413 above). Only while the application is a draft or was sent back.")
            // No request-size limit tighter than the server's (30 MB): a 15 MB phone scan, the usual mistake, then reaches the
            // upload check and hears "larger than 10 MB" in the mentor's language instead of a bare 413.
            // Antiforgery protects cookie-authenticated forms from cross-site posts. API callers either send a bearer token,
            // which a browser never attaches on its own, or the session cookie, which is SameSite=Lax and so is not sent
            // with a cross-site POST either (docs/adr/0007). A token would only lock out API clients.
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        mentor.MapGet("/documents", ListDocuments).WithName("ListMentorDocuments")
            .WithSummary("The mentor's own documents, each with a signed link that works for 5 minutes (404 before the mentor has a profile)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        mentor.MapDelete("/documents/{documentId}", DeleteDocument).WithName("DeleteMentorDocument")
            .WithSummary("Remove a document and its file (only while the application is a draft or was sent back)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        mentor.MapPost("/submit", Submit).WithName("SubmitMentorApplication")
            .WithSummary("Submit the application for review, or resubmit after a rejection or a request for changes")
            .WithDescription("409 when the profile is missing or incomplete, no document is attached, no id_proof is among them, or the status does not allow it.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        mentor.MapGet("/verification", GetVerification).WithName("GetMentorVerification")
            .WithSummary("Where the application stands, its history and what the mentor can do next (404 before the mentor has a profile)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var staff = app.MapGroup("/api/v1/admin").WithTags("Mentor verification").RequireAuthorization(Policies.Staff);
        staff.MapGet("/mentor-applications", ListApplications).WithName("ListMentorApplications")
            .WithSummary("The verification queue: ?status= any workflow status (default: every application in review), oldest submission first, cursor-paged");
        staff.MapGet("/mentor-applications/{mentorId}", GetApplication).WithName("GetMentorApplication")
            .WithSummary("One application: profile, documents, full history with who made each move, and the moves the caller may make");
        staff.MapPost("/mentors/{mentorId}/verification", Move).WithName("MoveMentorVerification")
            .WithSummary("Move an application: { status, notes, expectedStatus? }")
            .WithDescription("Notes are required to reject, ask for changes or suspend (the mentor is told the reason). Support staff move the review steps; approving, rejecting and suspending are for admins (403). A move the workflow does not allow is 409.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Created<MentorDocumentDto>> UploadDocument(
        IFormFile? file, [FromForm] string? kind, ClaimsPrincipal principal, MentorVerificationService verification, HttpContext http,
        CancellationToken cancellationToken) =>
        TypedResults.Created(DocumentsPath,
            await verification.UploadDocumentAsync(AccountsEndpoints.UserId(principal), kind, file, ClientInfo.From(http), cancellationToken));

    private static async Task<Ok<IReadOnlyList<MentorDocumentDto>>> ListDocuments(
        ClaimsPrincipal principal, MentorVerificationService verification, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verification.ListOwnDocumentsAsync(AccountsEndpoints.UserId(principal), cancellationToken));

    private static async Task<NoContent> DeleteDocument(
        string documentId, ClaimsPrincipal principal, MentorVerificationService verification, HttpContext http, CancellationToken cancellationToken)
    {
        await verification.DeleteDocumentAsync(AccountsEndpoints.UserId(principal), documentId, ClientInfo.From(http), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SubmitResponse>> Submit(
        ClaimsPrincipal principal, MentorVerificationService verification, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verification.SubmitAsync(AccountsEndpoints.UserId(principal), ClientInfo.From(http), PublicUrls.BaseUrl(http), cancellationToken));

    private static async Task<Ok<MentorVerificationDto>> GetVerification(
        ClaimsPrincipal principal, MentorVerificationService verification, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verification.GetOwnVerificationAsync(AccountsEndpoints.UserId(principal), cancellationToken));

    private static async Task<Ok<ListResponse<MentorApplicationDto>>> ListApplications(
        string? status, int? limit, string? cursor, MentorVerificationService verification, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verification.ListApplicationsAsync(status, limit, cursor, cancellationToken));

    private static async Task<Ok<MentorApplicationDetailDto>> GetApplication(
        string mentorId, ClaimsPrincipal principal, MentorVerificationService verification, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verification.GetApplicationAsync(StaffMember.From(principal), mentorId, cancellationToken));

    private static async Task<Ok<VerificationMoveResponse>> Move(
        string mentorId, VerificationMoveRequest request, ClaimsPrincipal principal, MentorVerificationService verification, HttpContext http,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await verification.MoveAsync(
            StaffMember.From(principal), mentorId, request, ClientInfo.From(http), PublicUrls.BaseUrl(http), cancellationToken));
}
