using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Payments;

public enum RefundStatus
{
    /// <summary>Decided and in the ledger; the provider has not been asked yet (a job asks it).</summary>
    Pending,

    /// <summary>The provider accepted it and is processing it.</summary>
    Submitted,

    /// <summary>The provider says the money is on its way back to the student.</summary>
    Processed,

    /// <summary>The provider refused it for good: the ledger was corrected and staff must look.</summary>
    Failed,
}

/// <summary>
/// Money given back on one payment. The ledger records it when it is decided (the student is owed it from then on); a job
/// submits it to the provider with this row's id as the provider's idempotency key, so a retry never refunds twice.
/// </summary>
public sealed class PaymentRefund
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PaymentId { get; init; }

    /// <summary>The caller's key: the same key on the same payment is the same refund.</summary>
    public required string Key { get; init; }

    public long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public required string Reason { get; init; }
    public long FromEscrowMinor { get; init; }
    public long FromMentorMinor { get; init; }
    public long FromPlatformMinor { get; init; }

    /// <summary>Given back as wallet credit rather than through the provider: done at once, never sent (docs/adr/0031).</summary>
    public bool ToCredits { get; init; }

    public RefundStatus Status { get; private set; } = RefundStatus.Pending;
    public string? ProviderRefundId { get; private set; }
    public Instant CreatedAt { get; init; }
    public Instant? ProcessedAt { get; private set; }

    public RefundSplit Split => new(FromEscrowMinor, FromMentorMinor, FromPlatformMinor);

    public string ApiStatus => Status switch
    {
        RefundStatus.Processed => "processed",
        RefundStatus.Failed => "failed",
        _ => "pending",
    };

    public void Submitted(string providerRefundId, bool processed, Instant at)
    {
        ProviderRefundId = providerRefundId;
        if (Status == RefundStatus.Pending)
        {
            Status = processed ? RefundStatus.Processed : RefundStatus.Submitted;
            ProcessedAt = processed ? at : null;
        }
    }

    /// <summary>The provider's report that it finished; false when nothing changed.</summary>
    public bool Processed(Instant at)
    {
        if (Status is RefundStatus.Processed or RefundStatus.Failed)
        {
            return false;
        }

        Status = RefundStatus.Processed;
        ProcessedAt = at;
        return true;
    }

    /// <summary>The provider's refusal; false when it was already final.</summary>
    public bool Failed(Instant at)
    {
        if (Status is RefundStatus.Processed or RefundStatus.Failed)
        {
            return false;
        }

        Status = RefundStatus.Failed;
        ProcessedAt = at;
        return true;
    }
}

internal sealed class PaymentRefundConfiguration : IEntityTypeConfiguration<PaymentRefund>
{
    public void Configure(EntityTypeBuilder<PaymentRefund> builder)
    {
        builder.ToTable("payment_refunds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.Status).HasConversion<SnakeCaseEnumConverter<RefundStatus>>().HasMaxLength(20);
        builder.Property(r => r.ProviderRefundId).HasMaxLength(200);
        builder.Property(r => r.ToCredits).HasDefaultValue(false).HasSentinel(false);
        builder.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.PaymentId, r.Key }).IsUnique();
        builder.HasIndex(r => r.ProviderRefundId);
    }
}

/// <summary>A provider event already handled: the (provider, event id) key turns every replay into a no-op.</summary>
public sealed class PaymentWebhookEvent
{
    public required string Provider { get; init; }
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public Guid? PaymentId { get; init; }
    public Instant ReceivedAt { get; init; }
}

internal sealed class PaymentWebhookEventConfiguration : IEntityTypeConfiguration<PaymentWebhookEvent>
{
    public void Configure(EntityTypeBuilder<PaymentWebhookEvent> builder)
    {
        builder.ToTable("payment_webhook_events");
        builder.HasKey(e => new { e.Provider, e.EventId });
        builder.Property(e => e.Provider).HasMaxLength(20);
        builder.Property(e => e.EventId).HasMaxLength(200);
        builder.Property(e => e.Type).HasMaxLength(60);
    }
}
