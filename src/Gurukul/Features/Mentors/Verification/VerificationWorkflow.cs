namespace Gurukul.Features.Mentors.Verification;

/// <summary>Who moves an application: the mentor (submitting), any staff member (review steps), or an admin (decisions).</summary>
public enum VerificationActor
{
    Mentor,
    Support,
    Admin,
}

/// <summary>
/// The verification workflow as data (docs/adr/0009-mentor-verification.md): which status may follow which, and who may
/// make each move. Documents and the background check are never skipped, because mentors teach minors; the interview
/// and the trial session are steps an admin may decide are not needed.
/// </summary>
public static class VerificationWorkflow
{
    private static readonly Dictionary<VerificationStatus, VerificationStatus[]> Next = new()
    {
        [VerificationStatus.Draft] = [VerificationStatus.Pending],
        [VerificationStatus.Pending] = [VerificationStatus.DocumentsUnderReview, VerificationStatus.Rejected, VerificationStatus.ReapplicationRequired],
        [VerificationStatus.DocumentsUnderReview] = [VerificationStatus.BackgroundCheckInProgress, VerificationStatus.Rejected, VerificationStatus.ReapplicationRequired],
        [VerificationStatus.BackgroundCheckInProgress] = [VerificationStatus.InterviewScheduled, VerificationStatus.Approved, VerificationStatus.Rejected, VerificationStatus.ReapplicationRequired],
        [VerificationStatus.InterviewScheduled] = [VerificationStatus.TrialSessionRequired, VerificationStatus.Approved, VerificationStatus.Rejected, VerificationStatus.ReapplicationRequired],
        [VerificationStatus.TrialSessionRequired] = [VerificationStatus.Approved, VerificationStatus.Rejected, VerificationStatus.ReapplicationRequired],
        [VerificationStatus.Approved] = [VerificationStatus.Suspended],
        [VerificationStatus.Suspended] = [VerificationStatus.Approved, VerificationStatus.Rejected],
        // Reapplying: the mentor fixes what was asked and submits again.
        [VerificationStatus.Rejected] = [VerificationStatus.Pending],
        [VerificationStatus.ReapplicationRequired] = [VerificationStatus.Pending],
    };

    /// <summary>Statuses a staff member works on: the queue.</summary>
    public static readonly IReadOnlySet<VerificationStatus> InReview = new HashSet<VerificationStatus>
    {
        VerificationStatus.Pending, VerificationStatus.DocumentsUnderReview, VerificationStatus.BackgroundCheckInProgress,
        VerificationStatus.InterviewScheduled, VerificationStatus.TrialSessionRequired,
    };

    public static IReadOnlyList<VerificationStatus> NextFrom(VerificationStatus from) => Next.TryGetValue(from, out var next) ? next : [];

    /// <summary>Whether <paramref name="actor"/> may move an application from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool Allows(VerificationStatus from, VerificationStatus to, VerificationActor actor) =>
        NextFrom(from).Contains(to) && actor switch
        {
            // Only the mentor submits (and resubmits); staff never submit on a mentor's behalf.
            VerificationActor.Mentor => to == VerificationStatus.Pending,
            // Support moves applications through the review steps and asks for changes; deciding is an admin's.
            VerificationActor.Support => to != VerificationStatus.Pending && !IsDecision(to),
            VerificationActor.Admin => to != VerificationStatus.Pending,
            _ => false,
        };

    /// <summary>Moves that decide a mentor's standing: only admins make them.</summary>
    public static bool IsDecision(VerificationStatus to) =>
        to is VerificationStatus.Approved or VerificationStatus.Rejected or VerificationStatus.Suspended;

    /// <summary>Moves that must say why, because the mentor is told and has to act on it.</summary>
    public static bool NeedsReason(VerificationStatus to) =>
        to is VerificationStatus.Rejected or VerificationStatus.ReapplicationRequired or VerificationStatus.Suspended;
}
