using System.Globalization;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Features.Payments.Invoices;

/// <summary>The last invoice number used in one Indian financial year (April to March).</summary>
public sealed class InvoiceSeries
{
    /// <summary>"2026-27".</summary>
    public required string FinancialYear { get; init; }

    public int LastNumber { get; init; }
}

internal sealed class InvoiceSeriesConfiguration : IEntityTypeConfiguration<InvoiceSeries>
{
    public void Configure(EntityTypeBuilder<InvoiceSeries> builder)
    {
        builder.ToTable("invoice_series");
        builder.HasKey(s => s.FinancialYear);
        builder.Property(s => s.FinancialYear).HasMaxLength(7);
    }
}

/// <summary>
/// Invoice numbers without gaps, one series per financial year, as GST asks: taken by one upsert that increments the year's
/// counter inside the transaction recording the payment. PostgreSQL holds the row lock until that transaction ends and
/// SQLite has one writer, so two payments never get one number; a rolled-back payment gives its number back with it.
/// </summary>
public sealed class InvoiceNumbers(GurukulDbContext db, IOptions<PaymentOptions> options)
{
    public async Task<string> NextAsync(Instant at, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An invoice number is taken inside the transaction that records the payment.");
        }

        var year = FinancialYear(at);
        var number = await db.Database.SqlQuery<int>($"""
            INSERT INTO invoice_series (financial_year, last_number) VALUES ({year}, 1)
            ON CONFLICT (financial_year) DO UPDATE SET last_number = invoice_series.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(cancellationToken);
        // "GK/26-27/000042": at most 16 characters, letters, digits, '/' and '-' (GST rule 46).
        return string.Create(CultureInfo.InvariantCulture, $"{options.Value.Invoices.NumberPrefix}/{year[2..]}/{number.Single():D6}");
    }

    /// <summary>The financial year of an instant in the invoicing zone: 1 April to 31 March, written "2026-27".</summary>
    public string FinancialYear(Instant at)
    {
        var date = at.InZone(DateTimeZoneProviders.Tzdb[options.Value.TimeZone]).Date;
        var start = date.Month >= 4 ? date.Year : date.Year - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{start}-{(start + 1) % 100:D2}");
    }
}
