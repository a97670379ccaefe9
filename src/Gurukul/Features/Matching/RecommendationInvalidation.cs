using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Matching;

/// <summary>
/// Keeps stored recommendations honest (ADR 0015): a profile change on either side asks the job runner to rescore, in the
/// same unit of work as the change, so a list is never trusted after what it was built from has moved.
/// </summary>
public sealed class RecommendationInvalidation(GurukulDbContext db, JobQueue jobs)
{
    public const string StudentChangedJob = "matching.student-changed";
    public const string MentorChangedJob = "matching.mentor-changed";

    /// <summary>Queues a rescore of this student's list; committed by the caller's <c>SaveChangesAsync</c>.</summary>
    public void StudentChanged(string studentUserId) => jobs.Add(StudentChangedJob, new StudentChangedPayload(studentUserId));

    /// <summary>Queues the marking of every list this mentor is, or could now be, on; committed by the caller's save.</summary>
    public void MentorChanged(Guid mentorId) => jobs.Add(MentorChangedJob, new MentorChangedPayload(mentorId));

    /// <summary>Marks one student's list stale at once (hiding or unhiding a mentor): the next read rescores it.</summary>
    public Task MarkStaleAsync(string studentUserId, CancellationToken cancellationToken) =>
        db.Set<RecommendationList>().Where(l => l.StudentUserId == studentUserId)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.IsStale, true), cancellationToken);
}

public sealed record StudentChangedPayload(string StudentUserId);

public sealed record MentorChangedPayload(Guid MentorId);
