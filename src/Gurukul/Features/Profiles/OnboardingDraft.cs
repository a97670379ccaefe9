using Gurukul.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Profiles;

/// <summary>
/// A student's onboarding answers so far, saved at each step so they can stop and come back. The profile itself is only
/// written, complete and validated, at the last step; then the draft is removed.
/// </summary>
public sealed class OnboardingDraft
{
    public required string UserId { get; init; }

    /// <summary>The step to resume at.</summary>
    public int Step { get; set; }

    /// <summary>The answers as a JSON <c>StudentProfileRequest</c>.</summary>
    public required string Data { get; set; }
    public Instant UpdatedAt { get; set; }
}

internal sealed class OnboardingDraftConfiguration : IEntityTypeConfiguration<OnboardingDraft>
{
    public void Configure(EntityTypeBuilder<OnboardingDraft> builder)
    {
        builder.ToTable("onboarding_drafts");
        builder.HasKey(d => d.UserId);
        builder.HasOne<User>().WithOne().HasForeignKey<OnboardingDraft>(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Data).HasMaxLength(20_000);
    }
}
