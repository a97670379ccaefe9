using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Matching;

/// <summary>What a student can say about one mentor (API.md <c>POST /api/v1/me/mentor-preferences/{mentorId}</c>).</summary>
public enum MentorPreferenceAction
{
    Favorite,
    Unfavorite,
    Hide,
    Unhide,
}

/// <summary>
/// One student's standing choice about one mentor: a favourite, hidden, or (briefly, before the row is removed) neither.
/// Hidden mentors never appear in that student's recommendations until unhidden. Favouriting a hidden mentor unhides
/// them and hiding a favourite unfavourites them: a mentor cannot be both at once.
/// </summary>
public sealed class MentorPreference
{
    public required string StudentUserId { get; init; }
    public required Guid MentorId { get; init; }
    public bool IsFavorite { get; private set; }
    public bool IsHidden { get; private set; }
    public Instant UpdatedAt { get; private set; }

    /// <summary>Whether the row still says anything; one that does not is deleted rather than kept empty.</summary>
    public bool IsEmpty => !IsFavorite && !IsHidden;

    public void Apply(MentorPreferenceAction action, Instant at)
    {
        (IsFavorite, IsHidden) = action switch
        {
            MentorPreferenceAction.Favorite => (true, false),
            MentorPreferenceAction.Unfavorite => (false, IsHidden),
            MentorPreferenceAction.Hide => (false, true),
            MentorPreferenceAction.Unhide => (IsFavorite, false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        UpdatedAt = at;
    }
}

internal sealed class MentorPreferenceConfiguration : IEntityTypeConfiguration<MentorPreference>
{
    public void Configure(EntityTypeBuilder<MentorPreference> builder)
    {
        builder.ToTable("mentor_preferences");
        builder.HasKey(p => new { p.StudentUserId, p.MentorId });
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.StudentUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MentorProfile>().WithMany().HasForeignKey(p => p.MentorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.MentorId);
    }
}
