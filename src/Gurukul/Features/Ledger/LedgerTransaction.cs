using Gurukul.Platform;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Ledger;

/// <summary>
/// One movement of money: entries that sum to zero in each currency. Never changed or deleted (the database refuses both);
/// a correction is a new transaction. <see cref="Reference"/> is unique, so a movement keyed by what caused it (the capture of
/// one payment, one refund) can happen only once however often it is attempted.
/// </summary>
public sealed class LedgerTransaction
{
    public const int ReferenceMaxLength = 200;

    private readonly List<LedgerEntry> _entries = [];

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>What caused it, unique: <c>capture:{paymentId}</c>, <c>refund:{refundId}</c>, <c>release:{paymentId}</c>.</summary>
    public required string Reference { get; init; }

    /// <summary>capture, refund, release, reversal …</summary>
    public required string Kind { get; init; }

    /// <summary>The purchase (a booking id) it belongs to, if any.</summary>
    public string? PurchaseId { get; init; }

    public Instant OccurredAt { get; init; }

    public IReadOnlyList<LedgerEntry> Entries => _entries;

    /// <summary>A transaction of these lines; throws unless they sum to zero in every currency and none is zero.</summary>
    public static LedgerTransaction Balanced(string reference, string kind, string? purchaseId, Instant at, params IEnumerable<LedgerLine> lines)
    {
        var transaction = new LedgerTransaction { Reference = reference, Kind = kind, PurchaseId = purchaseId, OccurredAt = at };
        foreach (var line in lines.Where(l => l.AmountMinor != 0))
        {
            transaction._entries.Add(new LedgerEntry
            {
                TransactionId = transaction.Id, Account = line.Account, PartyId = line.PartyId, PurchaseId = purchaseId,
                AmountMinor = line.AmountMinor, Currency = line.Currency,
            });
        }

        if (transaction._entries.Count == 0 || transaction._entries.GroupBy(e => e.Currency).Any(c => c.Sum(e => e.AmountMinor) != 0))
        {
            throw new InvalidOperationException($"Ledger transaction {reference} does not balance.");
        }

        return transaction;
    }
}

/// <summary>One side of a movement on one account: positive is a debit, negative a credit.</summary>
public sealed class LedgerEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TransactionId { get; init; }
    public LedgerAccount Account { get; init; }

    /// <summary>Whose money it is on accounts kept per person (the mentor for escrow and payable, the student for refunds).</summary>
    public string? PartyId { get; init; }

    public string? PurchaseId { get; init; }
    public long AmountMinor { get; init; }
    public required string Currency { get; init; }
}

/// <summary>A line to post: <see cref="Debit"/> and <see cref="Credit"/> say which side.</summary>
public sealed record LedgerLine(LedgerAccount Account, string? PartyId, long AmountMinor, string Currency)
{
    public static LedgerLine Debit(LedgerAccount account, Money money, string? partyId = null) => new(account, partyId, money.AmountMinor, money.Currency);

    public static LedgerLine Credit(LedgerAccount account, Money money, string? partyId = null) => new(account, partyId, -money.AmountMinor, money.Currency);
}

internal sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransaction>
{
    public void Configure(EntityTypeBuilder<LedgerTransaction> builder)
    {
        builder.ToTable("ledger_transactions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Reference).HasMaxLength(LedgerTransaction.ReferenceMaxLength);
        builder.Property(t => t.Kind).HasMaxLength(40);
        builder.Property(t => t.PurchaseId).HasMaxLength(100);
        builder.HasIndex(t => t.Reference).IsUnique();
        builder.HasIndex(t => t.OccurredAt);
        builder.HasMany(t => t.Entries).WithOne().HasForeignKey(e => e.TransactionId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(t => t.Entries).HasField("_entries");
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("ledger_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Account).HasConversion<SnakeCaseEnumConverter<LedgerAccount>>().HasMaxLength(40);
        builder.Property(e => e.PartyId).HasMaxLength(100);
        builder.Property(e => e.PurchaseId).HasMaxLength(100);
        builder.Property(e => e.Currency).HasMaxLength(3);
        builder.HasIndex(e => e.TransactionId);
        builder.HasIndex(e => new { e.Account, e.PartyId });
        builder.HasIndex(e => e.PurchaseId);
    }
}
