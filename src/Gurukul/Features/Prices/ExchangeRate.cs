using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Prices;

/// <summary>
/// The reference rate of one currency in rupees, as admins last set it: what one unit (a dollar, a dirham) is worth in
/// rupees on <see cref="AsOf"/>. Prices are converted with these and nothing else: no network call at request time, and
/// the date is always shown beside a converted price (ADR 0023). Rupees themselves have no row.
/// </summary>
public sealed class ExchangeRate
{
    public const int SourceMaxLength = 200;

    /// <summary>ISO 4217 code, one of <see cref="Platform.Money.Currencies"/> other than INR.</summary>
    public required string Currency { get; init; }

    /// <summary>Rupees per unit of <see cref="Currency"/>: 84.5 for the dollar.</summary>
    public decimal RupeesPerUnit { get; set; }

    /// <summary>The day the rate was taken from its source.</summary>
    public LocalDate AsOf { get; set; }

    /// <summary>Where it came from, in the admin's words ("RBI reference rate").</summary>
    public required string Source { get; set; }
    public Instant UpdatedAt { get; set; }
}

internal sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> builder)
    {
        builder.ToTable("exchange_rates");
        builder.HasKey(r => r.Currency);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.RupeesPerUnit).HasPrecision(18, 6);
        builder.Property(r => r.Source).HasMaxLength(ExchangeRate.SourceMaxLength);
    }
}
