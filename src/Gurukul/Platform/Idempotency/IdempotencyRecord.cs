using Gurukul.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Platform.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> a user sent (docs/adr/0024-idempotency-and-ledger.md): the fingerprint of the first request and,
/// once it finished, the response to replay. The unique (user, key) pair is what lets only one of two concurrent duplicates run.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 255;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string UserId { get; init; }
    public required string Key { get; init; }

    /// <summary>SHA-256 (hex) of the method, path and body of the first request.</summary>
    public required string RequestHash { get; init; }

    public Instant CreatedAt { get; init; }

    /// <summary>From then on the key is forgotten: a purge job deletes it, and a request with it starts afresh.</summary>
    public Instant ExpiresAt { get; init; }

    /// <summary>While unfinished, the first request holds the key until then; a node that died mid-request lets go of it then.</summary>
    public Instant LockedUntil { get; set; }

    public Instant? CompletedAt { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseContentType { get; set; }
    public string? ResponseLocation { get; set; }
    public byte[]? ResponseBody { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ResponseContentType).HasMaxLength(200);
        builder.Property(r => r.ResponseLocation).HasMaxLength(2000);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
    }
}
