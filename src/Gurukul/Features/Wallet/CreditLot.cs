using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Wallet;

public enum CreditSource
{
    /// <summary>Given to every new student.</summary>
    Starter,

    /// <summary>Earned by a referral, by either side.</summary>
    Referral,

    /// <summary>Credit that came back: a refund of a part paid with credit, or a checkout that closed unpaid.</summary>
    Refund,
}

/// <summary>
/// One grant of wallet credit with its own expiry (docs/adr/0031). Spending takes from the lots that expire first; what is
/// left of a lot when it expires lapses. <see cref="Reference"/> is the ledger transaction that created it (unique), so each
/// grant happens once however often it is attempted.
/// </summary>
public sealed class CreditLot
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string OwnerId { get; init; }
    public CreditSource Source { get; init; }
    public long AmountMinor { get; init; }
    public long RemainingMinor { get; private set; }
    public required string Currency { get; init; }
    public required string Reference { get; init; }
    public Instant GrantedAt { get; init; }
    public Instant ExpiresAt { get; init; }

    /// <summary>When the owner was told it will lapse (30 days before); never twice.</summary>
    public Instant? WarnedAt { get; private set; }

    public Instant? ExpiredAt { get; private set; }
    public int Version { get; private set; }

    public static CreditLot Grant(string ownerId, CreditSource source, long amountMinor, string currency, string reference, Instant at, Instant expiresAt) => new()
    {
        OwnerId = ownerId, Source = source, AmountMinor = amountMinor, RemainingMinor = amountMinor, Currency = currency, Reference = reference,
        GrantedAt = at, ExpiresAt = expiresAt,
    };

    /// <summary>Takes up to <paramref name="wantedMinor"/> from this lot; what it took.</summary>
    public long Take(long wantedMinor)
    {
        var taken = Math.Min(wantedMinor, RemainingMinor);
        RemainingMinor -= taken;
        Version++;
        return taken;
    }

    public void Warned(Instant at)
    {
        WarnedAt = at;
        Version++;
    }

    /// <summary>The lot lapses: what was left of it, now gone.</summary>
    public long Expire(Instant at)
    {
        var lapsed = RemainingMinor;
        RemainingMinor = 0;
        ExpiredAt = at;
        Version++;
        return lapsed;
    }
}

internal sealed class CreditLotConfiguration : IEntityTypeConfiguration<CreditLot>
{
    public void Configure(EntityTypeBuilder<CreditLot> builder)
    {
        builder.ToTable("credit_lots", table => table.HasCheckConstraint("ck_credit_lots_remaining", "remaining_minor >= 0 AND remaining_minor <= amount_minor"));
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Source).HasConversion<SnakeCaseEnumConverter<CreditSource>>().HasMaxLength(20);
        builder.Property(l => l.Currency).HasMaxLength(3);
        builder.Property(l => l.Reference).HasMaxLength(200);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.Reference).IsUnique();
        builder.HasIndex(l => new { l.OwnerId, l.ExpiresAt });
        builder.HasIndex(l => new { l.ExpiredAt, l.ExpiresAt });
    }
}
