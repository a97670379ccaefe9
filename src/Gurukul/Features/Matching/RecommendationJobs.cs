using System.Text.Json;
using Gurukul.Platform.Jobs;

namespace Gurukul.Features.Matching;

/// <summary>Rescoring a student's list after their profile changed, off the request that changed it.</summary>
internal sealed class StudentChangedJob(RecommendationService recommendations) : IJobHandler
{
    public string Kind => RecommendationInvalidation.StudentChangedJob;

    public Task RunAsync(string payload, CancellationToken cancellationToken) =>
        recommendations.RefreshAsync(JsonSerializer.Deserialize<StudentChangedPayload>(payload, JsonSerializerOptions.Web)!.StudentUserId, cancellationToken);
}

/// <summary>Marking stale the lists a changed mentor is, or could now be, on; each is rescored on its next read.</summary>
internal sealed class MentorChangedJob(RecommendationService recommendations) : IJobHandler
{
    public string Kind => RecommendationInvalidation.MentorChangedJob;

    public Task RunAsync(string payload, CancellationToken cancellationToken) =>
        recommendations.MentorChangedAsync(JsonSerializer.Deserialize<MentorChangedPayload>(payload, JsonSerializerOptions.Web)!.MentorId, cancellationToken);
}
