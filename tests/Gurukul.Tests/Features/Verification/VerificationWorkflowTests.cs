using Gurukul.Features.Mentors;
using Gurukul.Features.Mentors.Verification;
using Gurukul.Platform;
using NodaTime;
using Xunit;

namespace Gurukul.Tests.Features.Verification;

/// <summary>The workflow against the table in docs/adr/0009-mentor-verification.md, written out independently of the code.</summary>
public sealed class VerificationWorkflowTests
{
    // from > to : who may make the move (M mentor, S support, A admin). Every pair not listed is allowed to nobody.
    private static readonly string[] Table =
    [
        "draft > pending : M",
        "pending > documents_under_review : SA",
        "pending > rejected : A",
        "pending > reapplication_required : SA",
        "documents_under_review > background_check_in_progress : SA",
        "documents_under_review > rejected : A",
        "documents_under_review > reapplication_required : SA",
        "background_check_in_progress > interview_scheduled : SA",
        "background_check_in_progress > approved : A",
        "background_check_in_progress > rejected : A",
        "background_check_in_progress > reapplication_required : SA",
        "interview_scheduled > trial_session_required : SA",
        "interview_scheduled > approved : A",
        "interview_scheduled > rejected : A",
        "interview_scheduled > reapplication_required : SA",
        "trial_session_required > approved : A",
        "trial_session_required > rejected : A",
        "trial_session_required > reapplication_required : SA",
        "approved > suspended : A",
        "suspended > approved : A",
        "suspended > rejected : A",
        "rejected > pending : M",
        "reapplication_required > pending : M",
    ];

    public static TheoryData<string, string, string, bool> EveryPairAndActor()
    {
        var allowed = Table.Select(row => row.Split([" > ", " : "], StringSplitOptions.None))
            .SelectMany(parts => parts[2].Select(actor => (parts[0], parts[1], actor)))
            .ToHashSet();
        var data = new TheoryData<string, string, string, bool>();
        foreach (var from in VerificationNames.AllStatuses)
        {
            foreach (var to in VerificationNames.AllStatuses)
            {
                foreach (var actor in "MSA")
                {
                    data.Add(from, to, actor.ToString(), allowed.Contains((from, to, actor)));
                }
            }
        }

        return data;
    }

    [Theory, MemberData(nameof(EveryPairAndActor))]
    public void Allows_MatchesTheDecisionTable(string from, string to, string actor, bool expected)
    {
        Assert.True(VerificationNames.TryParseStatus(from, out var fromStatus));
        Assert.True(VerificationNames.TryParseStatus(to, out var toStatus));
        var who = actor switch { "M" => VerificationActor.Mentor, "S" => VerificationActor.Support, _ => VerificationActor.Admin };

        Assert.Equal(expected, VerificationWorkflow.Allows(fromStatus, toStatus, who));
    }

    [Fact]
    public void Table_CoversEveryStatus_AndTheQueueIsTheReviewSteps()
    {
        Assert.Equal(300, EveryPairAndActor().Count);
        Assert.Equal(
            ["background_check_in_progress", "documents_under_review", "interview_scheduled", "pending", "trial_session_required"],
            VerificationWorkflow.InReview.Select(VerificationNames.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("approved", true, false)]
    [InlineData("rejected", true, true)]
    [InlineData("suspended", true, true)]
    [InlineData("reapplication_required", false, true)]
    [InlineData("documents_under_review", false, false)]
    [InlineData("pending", false, false)]
    public void DecisionsAndReasons_AreTheOnesTheAdrNames(string status, bool isDecision, bool needsReason)
    {
        Assert.True(VerificationNames.TryParseStatus(status, out var parsed));

        Assert.Equal(isDecision, VerificationWorkflow.IsDecision(parsed));
        Assert.Equal(needsReason, VerificationWorkflow.NeedsReason(parsed));
    }

    [Fact]
    public void MoveVerification_RefusesAnIllegalMove_AndStampsSubmissionOnlyWhenPending()
    {
        var profile = new MentorProfile
        {
            UserId = "u", Slug = "s", Headline = "h", Bio = "b", HourlyRate = new Money(1, "INR"), PrimaryLanguage = "en", TimeZone = "Asia/Kolkata", Country = "IN",
        };
        var at = Instant.FromUtc(2026, 12, 1, 9, 30);

        Assert.Throws<InvalidOperationException>(() => profile.MoveVerification(VerificationStatus.Approved, VerificationActor.Admin, "a", null, at));
        var submitted = profile.MoveVerification(VerificationStatus.Pending, VerificationActor.Mentor, "u", null, at);
        profile.MoveVerification(VerificationStatus.DocumentsUnderReview, VerificationActor.Support, "s", null, at.Plus(Duration.FromHours(1)));

        Assert.Equal((VerificationStatus.Draft, VerificationStatus.Pending), (submitted.FromStatus, submitted.ToStatus));
        Assert.Equal(at, profile.SubmittedAt);
        Assert.Equal(VerificationStatus.DocumentsUnderReview, profile.VerificationStatus);
    }

    [Fact]
    public void History_SavedInOneInstant_IsOrderedByFollowingTheStatuses()
    {
        var at = Instant.FromUtc(2026, 12, 1, 9, 30);
        VerificationEvent Move(VerificationStatus from, VerificationStatus to, Instant when) => new() { FromStatus = from, ToStatus = to, At = when };
        var events = new[]
        {
            Move(VerificationStatus.BackgroundCheckInProgress, VerificationStatus.Approved, at),
            Move(VerificationStatus.Approved, VerificationStatus.Suspended, at.Plus(Duration.FromHours(1))),
            Move(VerificationStatus.Pending, VerificationStatus.DocumentsUnderReview, at),
            Move(VerificationStatus.DocumentsUnderReview, VerificationStatus.BackgroundCheckInProgress, at),
            Move(VerificationStatus.Draft, VerificationStatus.Pending, at),
        };

        var ordered = VerificationHistory.InOrder(events);

        Assert.Equal(
            [VerificationStatus.Pending, VerificationStatus.DocumentsUnderReview, VerificationStatus.BackgroundCheckInProgress, VerificationStatus.Approved, VerificationStatus.Suspended],
            ordered.Select(e => e.ToStatus));
    }
}
