using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Accounts;

/// <summary>
/// Failed sign-ins for an email that has no account, counted exactly as Identity counts them for one that has: the same
/// number of failures locks it for the same time, so that "locked out after five tries" does not tell an attacker the
/// account exists (docs/adr/0018-account-protection.md). Kept in the database like the real counters, so every node sees it.
/// The email is stored only as a SHA-256 of its normalized form.
/// </summary>
public sealed class UnknownEmailLockout
{
    /// <summary>Rows for emails nobody has tried for this long are removed (a real account's counter never resets on its own).</summary>
    public static readonly Duration Retention = Duration.FromDays(30);

    public required string EmailHash { get; init; }
    public int AccessFailedCount { get; private set; }
    public Instant? LockoutEnd { get; private set; }
    public Instant LastFailedAt { get; private set; }

    public static string HashOf(string normalizedEmail) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));

    public bool IsLockedOut(Instant now) => LockoutEnd > now;

    /// <summary>As <c>UserManager.AccessFailedAsync</c>: the failure that reaches the limit locks, and the count starts again.</summary>
    public void RecordFailure(Instant now, int maxFailedAttempts, Duration lockout)
    {
        LastFailedAt = now;
        if (++AccessFailedCount >= maxFailedAttempts)
        {
            LockoutEnd = now + lockout;
            AccessFailedCount = 0;
        }
    }
}

internal sealed class UnknownEmailLockoutConfiguration : IEntityTypeConfiguration<UnknownEmailLockout>
{
    public void Configure(EntityTypeBuilder<UnknownEmailLockout> builder)
    {
        builder.ToTable("unknown_email_lockouts");
        builder.HasKey(l => l.EmailHash);
        builder.Property(l => l.EmailHash).HasMaxLength(64);
        builder.HasIndex(l => l.LastFailedAt);
    }
}
