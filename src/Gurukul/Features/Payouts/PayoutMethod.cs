using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Payouts;

public enum PayoutMethodKind
{
    /// <summary>A UPI id (virtual payment address): <c>name@bank</c>.</summary>
    Upi,

    /// <summary>A bank account number with its branch's IFSC.</summary>
    Bank,
}

/// <summary>
/// Where a mentor's payouts go (docs/adr/0030). The details are kept only as a Data Protection payload (encrypted at rest under
/// the keys in the database); what people see is <see cref="Masked"/>. Changing it forgets the provider's beneficiary ids, so
/// the next payout registers the new destination with the provider.
/// </summary>
public sealed class PayoutMethod
{
    public required string MentorId { get; init; }
    public PayoutMethodKind Kind { get; private set; }

    /// <summary>The <see cref="PayoutDestination"/> as a protected (encrypted and signed) payload.</summary>
    public string ProtectedDetails { get; private set; } = "";

    /// <summary>The UPI id or account number as shown: <c>ra••••@okaxis</c>, <c>••••••1234</c>.</summary>
    public string Masked { get; private set; } = "";

    /// <summary>The payout provider's contact and fund account for this destination, once registered (RazorpayX).</summary>
    public string? ProviderContactId { get; private set; }

    public string? ProviderFundAccountId { get; private set; }
    public Instant CreatedAt { get; init; }
    public Instant UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public void Change(PayoutMethodKind kind, string protectedDetails, string masked, Instant at)
    {
        Kind = kind;
        ProtectedDetails = protectedDetails;
        Masked = masked;
        ProviderContactId = null;
        ProviderFundAccountId = null;
        UpdatedAt = at;
        Version++;
    }

    public void Registered(string contactId, string fundAccountId)
    {
        ProviderContactId = contactId;
        ProviderFundAccountId = fundAccountId;
        Version++;
    }
}

/// <summary>The destination in clear, as it lives only in memory: a UPI id, or an account holder, number and IFSC.</summary>
public sealed record PayoutDestination(PayoutMethodKind Kind, string? UpiId, string? AccountName, string? AccountNumber, string? Ifsc);

internal sealed class PayoutMethodConfiguration : IEntityTypeConfiguration<PayoutMethod>
{
    public void Configure(EntityTypeBuilder<PayoutMethod> builder)
    {
        builder.ToTable("payout_methods");
        builder.HasKey(m => m.MentorId);
        builder.Property(m => m.Kind).HasConversion<SnakeCaseEnumConverter<PayoutMethodKind>>().HasMaxLength(10);
        builder.Property(m => m.ProtectedDetails).HasMaxLength(4000);
        builder.Property(m => m.Masked).HasMaxLength(300);
        builder.Property(m => m.ProviderContactId).HasMaxLength(100);
        builder.Property(m => m.ProviderFundAccountId).HasMaxLength(100);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.MentorId).OnDelete(DeleteBehavior.Cascade);
    }
}
