using Gurukul.Features.Accounts;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Payouts;

public enum PayoutStatus
{
    /// <summary>The money left the mentor's available balance and is on its way (or waiting to be sent).</summary>
    Pending,

    /// <summary>The provider says it reached the mentor's account.</summary>
    Paid,

    /// <summary>It did not arrive (or came back): the money is available to the mentor again.</summary>
    Failed,
}

/// <summary>
/// One transfer of a mentor's available earnings for one weekly period (docs/adr/0030). Unique per (mentor, period end) in the
/// database, so running a period twice, on any number of nodes, pays nobody twice. State machine: Pending → Paid | Failed;
/// Paid → Failed when the bank reverses it; Failed → Pending when staff retry it (a new attempt, same row, same period).
/// </summary>
public sealed class Payout
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string MentorId { get; init; }

    /// <summary>The last day (a Sunday, in the platform's zone) of the week whose earnings it pays.</summary>
    public LocalDate PeriodEnd { get; init; }

    public long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public PayoutStatus Status { get; private set; } = PayoutStatus.Pending;
    public required string Provider { get; set; }

    /// <summary>The destination as shown when it was sent (the method may change later).</summary>
    public PayoutMethodKind MethodKind { get; set; }

    public required string MethodMasked { get; set; }

    /// <summary>Raised by a retry; each attempt has its own ledger references and provider idempotency key.</summary>
    public int Attempt { get; private set; } = 1;

    public string? ProviderPayoutId { get; private set; }

    /// <summary>The bank's reference (UTR), or the sandbox's.</summary>
    public string? Reference { get; private set; }

    public string? FailureReason { get; private set; }
    public Instant CreatedAt { get; init; }
    public Instant? SubmittedAt { get; private set; }
    public Instant? PaidAt { get; private set; }
    public Instant? FailedAt { get; private set; }
    public int Version { get; private set; }

    public Money Amount => new(AmountMinor, Currency);

    /// <summary>The ledger reference of this attempt's move out of the available balance.</summary>
    public string SentReference => $"payout:{Id}:{Attempt}";

    public string PaidReference => $"payout-paid:{Id}:{Attempt}";

    public string ReturnedReference => $"payout-returned:{Id}:{Attempt}";

    /// <summary>The provider accepted it and will report the outcome later.</summary>
    public void Submitted(string providerPayoutId, Instant at)
    {
        ProviderPayoutId = providerPayoutId;
        SubmittedAt ??= at;
        Version++;
    }

    /// <summary>Confirmed paid; false when it was no longer pending.</summary>
    public bool MarkPaid(string? providerPayoutId, string? reference, Instant at)
    {
        if (Status != PayoutStatus.Pending)
        {
            return false;
        }

        Status = PayoutStatus.Paid;
        ProviderPayoutId = providerPayoutId ?? ProviderPayoutId;
        Reference = reference ?? Reference;
        SubmittedAt ??= at;
        PaidAt = at;
        Version++;
        return true;
    }

    /// <summary>Failed, or reversed after it was paid; false when it had already failed. <paramref name="wasPaid"/> says which.</summary>
    public bool MarkFailed(string reason, Instant at, out bool wasPaid)
    {
        wasPaid = Status == PayoutStatus.Paid;
        if (Status == PayoutStatus.Failed)
        {
            return false;
        }

        Status = PayoutStatus.Failed;
        FailureReason = reason.Length <= 500 ? reason : reason[..500];
        FailedAt = at;
        Version++;
        return true;
    }

    /// <summary>Staff try a failed payout again: a new attempt, sent afresh. False unless it failed.</summary>
    public bool Retry()
    {
        if (Status != PayoutStatus.Failed)
        {
            return false;
        }

        Status = PayoutStatus.Pending;
        Attempt++;
        ProviderPayoutId = null;
        Reference = null;
        FailureReason = null;
        SubmittedAt = null;
        FailedAt = null;
        PaidAt = null;
        Version++;
        return true;
    }
}

/// <summary>A weekly run: which period it paid, when, and what it created (the console shows the last ones).</summary>
public sealed class PayoutRun
{
    public LocalDate PeriodEnd { get; init; }
    public Instant StartedAt { get; set; }
    public Instant? CompletedAt { get; set; }
    public int Created { get; set; }
    public long TotalMinor { get; set; }
}

/// <summary>A payout provider's event already handled: the (provider, event id) key turns a replay into a no-op.</summary>
public sealed class PayoutWebhookEvent
{
    public required string Provider { get; init; }
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public Guid? PayoutId { get; init; }
    public Instant ReceivedAt { get; init; }
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.ToTable("payouts");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Status).HasConversion<SnakeCaseEnumConverter<PayoutStatus>>().HasMaxLength(10);
        builder.Property(p => p.Provider).HasMaxLength(20);
        builder.Property(p => p.MethodKind).HasConversion<SnakeCaseEnumConverter<PayoutMethodKind>>().HasMaxLength(10);
        builder.Property(p => p.MethodMasked).HasMaxLength(300);
        builder.Property(p => p.ProviderPayoutId).HasMaxLength(100);
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Property(p => p.FailureReason).HasMaxLength(500);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.MentorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.MentorId, p.PeriodEnd }).IsUnique();
        builder.HasIndex(p => new { p.Status, p.SubmittedAt });
        builder.HasIndex(p => p.CreatedAt);
        builder.HasIndex(p => p.ProviderPayoutId);
    }
}

internal sealed class PayoutRunConfiguration : IEntityTypeConfiguration<PayoutRun>
{
    public void Configure(EntityTypeBuilder<PayoutRun> builder)
    {
        builder.ToTable("payout_runs");
        builder.HasKey(r => r.PeriodEnd);
    }
}

internal sealed class PayoutWebhookEventConfiguration : IEntityTypeConfiguration<PayoutWebhookEvent>
{
    public void Configure(EntityTypeBuilder<PayoutWebhookEvent> builder)
    {
        builder.ToTable("payout_webhook_events");
        builder.HasKey(e => new { e.Provider, e.EventId });
        builder.Property(e => e.Provider).HasMaxLength(20);
        builder.Property(e => e.EventId).HasMaxLength(200);
        builder.Property(e => e.Type).HasMaxLength(60);
    }
}
