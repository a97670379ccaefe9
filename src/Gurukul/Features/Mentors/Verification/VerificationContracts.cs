using System.ComponentModel;
using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;

namespace Gurukul.Features.Mentors.Verification;

/// <summary>
/// A verification document as clients see it. <see cref="Url"/> is a signed link that works for a few minutes only
/// (docs/adr/0009-mentor-verification.md); ask again for a fresh one.
/// </summary>
public sealed record MentorDocumentDto(string Id, string Kind, string FileName, string ContentType, long SizeBytes, DateTime UploadedAt, string Url);

public sealed record SubmitResponse(string VerificationStatus);

/// <summary>One move in the mentor's own history. <c>by</c> is <c>mentor</c> or <c>gurukul_team</c>: staff stay anonymous.</summary>
public sealed record MentorHistoryItemDto(string FromStatus, string ToStatus, string By, string? Notes, DateTime At);

/// <summary>
/// Where the mentor's application stands and what they can do about it. <c>missing</c> lists what submitting still needs:
/// profile field names, <c>documents</c> or <c>id_proof</c>.
/// </summary>
public sealed record MentorVerificationDto(
    string VerificationStatus, string StatusLabel, string NextStep, DateTime? SubmittedAt, bool CanChangeDocuments, bool CanSubmit,
    IReadOnlyList<string> Missing, IReadOnlyList<MentorHistoryItemDto> History);

/// <summary>An application in the staff queue.</summary>
public sealed record MentorApplicationDto(
    string MentorId, string UserId, string Name, string Headline, DateTime? SubmittedAt, string VerificationStatus, IReadOnlyList<MentorDocumentDto> Documents);

/// <summary>Who made a move, for staff: null when that account was deleted.</summary>
public sealed record VerificationActorDto(string UserId, string Name, string? Email);

public sealed record StaffHistoryItemDto(string FromStatus, string ToStatus, string? Notes, DateTime At, VerificationActorDto? Actor);

/// <summary>
/// One application in full for staff: the profile as the mentor submitted it, documents, the whole history with who made
/// each move, and <c>allowedMoves</c>: the statuses this staff member may move it to now.
/// </summary>
public sealed record MentorApplicationDetailDto(
    string MentorId, string UserId, string Name, string? Email, DateTime? SubmittedAt, string VerificationStatus, MentorProfileDto Profile,
    IReadOnlyList<MentorDocumentDto> Documents, IReadOnlyList<StaffHistoryItemDto> History, IReadOnlyList<string> AllowedMoves);

/// <summary>
/// <c>POST /api/v1/admin/mentors/{mentorId}/verification</c>. <c>expectedStatus</c> (optional) is the status the staff member
/// saw: when the application has moved since, the request is refused (409) instead of deciding on a stale view.
/// </summary>
public sealed record VerificationMoveRequest(
    string? Status,
    [property: Description("Shown to the mentor; required to reject, ask for changes or suspend.")] string? Notes = null,
    string? ExpectedStatus = null);

public sealed record VerificationMoveResponse(string MentorId, string PreviousStatus, string VerificationStatus, DateTime At);

/// <summary>The API spelling of statuses and document kinds (<c>documents_under_review</c>, <c>id_proof</c>).</summary>
public static class VerificationNames
{
    private static readonly Dictionary<string, VerificationStatus> Statuses =
        Enum.GetValues<VerificationStatus>().ToDictionary(Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, DocumentKind> Kinds =
        Enum.GetValues<DocumentKind>().ToDictionary(Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> AllStatuses { get; } = [.. Enum.GetValues<VerificationStatus>().Select(Name)];

    public static IReadOnlyList<string> AllKinds { get; } = [.. Enum.GetValues<DocumentKind>().Select(Name)];

    public static string Name(VerificationStatus status) => SnakeCaseNames.ToSnakeCase(status.ToString());

    public static string Name(DocumentKind kind) => SnakeCaseNames.ToSnakeCase(kind.ToString());

    public static bool TryParseStatus(string? value, out VerificationStatus status) =>
        Statuses.TryGetValue(value?.Trim().ToLowerInvariant() ?? "", out status);

    public static bool TryParseKind(string? value, out DocumentKind kind) =>
        Kinds.TryGetValue(value?.Trim().ToLowerInvariant() ?? "", out kind);
}

/// <summary>The staff member making a request, and which workflow actor that makes them: admins decide, support reviews.</summary>
public sealed record StaffMember(string UserId, VerificationActor Actor)
{
    public static StaffMember From(ClaimsPrincipal principal) => new(
        AccountsEndpoints.UserId(principal),
        principal.IsInRole(Roles.Admin) ? VerificationActor.Admin : VerificationActor.Support);
}
