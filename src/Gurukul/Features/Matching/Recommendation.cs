using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Matching;

/// <summary>
/// The head of one student's precomputed recommendations (ADR 0015): when they were scored, with which weights, and
/// whether a profile change since has made them stale. Requests read the stored list; only a missing, stale or
/// expired one is scored again.
/// </summary>
public sealed class RecommendationList
{
    public required string StudentUserId { get; init; }
    public Instant ComputedAt { get; set; }

    /// <summary>The weights the scores were computed with (<see cref="MatchWeights.Fingerprint"/>): changing them invalidates every list.</summary>
    public required string WeightsFingerprint { get; set; }

    /// <summary>Set when the student's profile, or a mentor who is or could be on the list, changed after <see cref="ComputedAt"/>.</summary>
    public bool IsStale { get; set; }
    public List<Recommendation> Entries { get; init; } = [];
}

/// <summary>One scored mentor on a student's list, with the components of the score and the facts its reasons cite.</summary>
public sealed class Recommendation
{
    public required string StudentUserId { get; init; }
    public required Guid MentorId { get; init; }

    /// <summary>0 for the best match.</summary>
    public int Rank { get; init; }
    public double Score { get; init; }
    public double LanguageMatch { get; init; }
    public double AcademicLevel { get; init; }
    public double FieldExpertise { get; init; }
    public double LocationContext { get; init; }
    public double CareerGoals { get; init; }
    public double Rating { get; init; }
    public double Availability { get; init; }
    public double Experience { get; init; }

    /// <summary>The student's subjects (slugs) this mentor teaches: "Teaches Physics, Chemistry".</summary>
    public List<string> MatchedSubjects { get; init; } = [];

    /// <summary>The student's career goals, as they wrote them, that the mentor's expertise speaks to.</summary>
    public List<string> MatchedGoals { get; init; } = [];
}

internal sealed class RecommendationListConfiguration : IEntityTypeConfiguration<RecommendationList>
{
    public void Configure(EntityTypeBuilder<RecommendationList> builder)
    {
        builder.ToTable("recommendation_lists");
        builder.HasKey(l => l.StudentUserId);
        builder.HasOne<User>().WithOne().HasForeignKey<RecommendationList>(l => l.StudentUserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.WeightsFingerprint).HasMaxLength(64);
        builder.HasMany(l => l.Entries).WithOne().HasForeignKey(r => r.StudentUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> builder)
    {
        builder.ToTable("recommendations");
        builder.HasKey(r => new { r.StudentUserId, r.MentorId });
        builder.HasOne<MentorProfile>().WithMany().HasForeignKey(r => r.MentorId).OnDelete(DeleteBehavior.Cascade);
        // A mentor's change marks stale the lists they are on: found through this index.
        builder.HasIndex(r => r.MentorId);
    }
}
