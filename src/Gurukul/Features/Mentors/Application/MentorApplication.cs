using Gurukul.Features.Mentors.Verification;
using Gurukul.Platform.Errors;

namespace Gurukul.Features.Mentors.Application;

public enum StepState
{
    Done,
    NeedsAttention,
}

/// <summary>One of the three steps of the application, and whether the mentor still has something to do there.</summary>
public sealed record ApplicationStep(int Number, string Key, string Path, StepState State);

/// <summary>
/// What the application pages show: the mentor's profile and where their verification stands, both read from the services,
/// or neither before the first save. The steps' states come from the service's own readiness list (<c>missing</c>).
/// </summary>
public sealed record MentorApplication(MentorProfileDto? Profile, MentorVerificationDto? Verification)
{
    public const string HubPath = "/mentor/application";
    public const string ProfilePath = "/mentor/application/profile";
    public const string DocumentsPath = "/mentor/application/documents";
    public const string ReviewPath = "/mentor/application/review";

    private static readonly HashSet<string> DocumentItems = [ApplicationReadiness.Documents, ApplicationReadiness.IdProof];

    public bool Started => Profile is not null;

    public VerificationStatus Status =>
        Verification is not null && VerificationNames.TryParseStatus(Verification.VerificationStatus, out var status) ? status : VerificationStatus.Draft;

    /// <summary>The mentor holds the application: a draft, or sent back to them. Then they change documents and submit.</summary>
    public bool HeldByMentor => Verification is null || Verification.CanChangeDocuments;

    /// <summary>Sent back (rejected or changes requested): submitting again is "Submit again".</summary>
    public bool SentBack => Status is VerificationStatus.Rejected or VerificationStatus.ReapplicationRequired;

    public IReadOnlyList<string> Missing => Verification?.Missing ?? [];

    public IReadOnlyList<ApplicationStep> Steps =>
    [
        new(1, "profile", ProfilePath, Started && !Missing.Any(m => !DocumentItems.Contains(m)) ? StepState.Done : StepState.NeedsAttention),
        new(2, "documents", DocumentsPath, Started && !Missing.Any(DocumentItems.Contains) ? StepState.Done : StepState.NeedsAttention),
        new(3, "review", ReviewPath, Started && !HeldByMentor ? StepState.Done : StepState.NeedsAttention),
    ];

    /// <summary>The reason staff gave for the latest decision the mentor must act on (rejected, changes requested, suspended).</summary>
    public string? Reason =>
        VerificationWorkflow.NeedsReason(Status) && Verification is not null
            ? Verification.History.LastOrDefault(h => h.ToStatus == Verification.VerificationStatus)?.Notes
            : null;

    public static async Task<MentorApplication> LoadAsync(
        MentorProfileService profiles, MentorVerificationService verification, string userId, CancellationToken cancellationToken)
    {
        try
        {
            var profile = await profiles.GetAsync(userId, cancellationToken);
            return new MentorApplication(profile, await verification.GetOwnVerificationAsync(userId, cancellationToken));
        }
        catch (NotFoundException)
        {
            // No profile yet: the application has not been started.
            return new MentorApplication(null, null);
        }
    }
}
