using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Wallet;

/// <summary>A person's referral code, made the first time they ask for their link.</summary>
public sealed class ReferralCode
{
    public required string UserId { get; init; }
    public required string Code { get; init; }
    public Instant CreatedAt { get; init; }
}

public enum ReferralStatus
{
    /// <summary>Signed up through the link; waiting for their first completed paid session.</summary>
    Pending,

    /// <summary>Both sides got their credit.</summary>
    Rewarded,

    /// <summary>A fraud rule refused the reward (the note says which); final.</summary>
    Refused,
}

/// <summary>
/// Who brought whom (docs/adr/0031): one row per referred person, so nobody is referred twice. <see cref="RewardKey"/> is the hash
/// of the verified email the reward was paid for, unique in the database: one reward per verified email, however many accounts.
/// </summary>
public sealed class Referral
{
    public required string ReferredId { get; init; }
    public required string ReferrerId { get; init; }
    public Instant CreatedAt { get; init; }
    public ReferralStatus Status { get; private set; } = ReferralStatus.Pending;
    public Instant? DecidedAt { get; private set; }
    public string? Note { get; private set; }
    public string? RewardKey { get; private set; }

    public void Reward(string rewardKey, Instant at)
    {
        Status = ReferralStatus.Rewarded;
        RewardKey = rewardKey;
        DecidedAt = at;
    }

    public void Refuse(string note, Instant at)
    {
        Status = ReferralStatus.Refused;
        Note = note;
        DecidedAt = at;
    }
}

internal sealed class ReferralCodeConfiguration : IEntityTypeConfiguration<ReferralCode>
{
    public void Configure(EntityTypeBuilder<ReferralCode> builder)
    {
        builder.ToTable("referral_codes");
        builder.HasKey(c => c.UserId);
        builder.Property(c => c.Code).HasMaxLength(20);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.ToTable("referrals");
        builder.HasKey(r => r.ReferredId);
        builder.Property(r => r.Status).HasConversion<SnakeCaseEnumConverter<ReferralStatus>>().HasMaxLength(20);
        builder.Property(r => r.Note).HasMaxLength(200);
        builder.Property(r => r.RewardKey).HasMaxLength(64);
        builder.HasIndex(r => r.RewardKey).IsUnique();
        builder.HasIndex(r => new { r.ReferrerId, r.Status });
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.ReferredId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.ReferrerId).OnDelete(DeleteBehavior.Restrict);
    }
}
