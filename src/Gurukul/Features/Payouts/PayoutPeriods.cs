using Gurukul.Features.Payments;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Features.Payouts;

/// <summary>
/// Payout weeks in the platform's calendar (<c>Payments:TimeZone</c>, Asia/Kolkata): Monday to Sunday; each Monday pays the week
/// that ended the day before (docs/adr/0030).
/// </summary>
public sealed class PayoutPeriods(IOptions<PaymentOptions> options, IClock clock)
{
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[options.Value.TimeZone];

    public LocalDate Today => clock.GetCurrentInstant().InZone(Zone).Date;

    /// <summary>The Sunday that ended the last whole week.</summary>
    public LocalDate LastEnded => Today.With(DateAdjusters.Previous(IsoDayOfWeek.Sunday));

    /// <summary>The next Monday (after today): when the next weekly run pays.</summary>
    public LocalDate NextPayoutDay => Today.With(DateAdjusters.Next(IsoDayOfWeek.Monday));

    /// <summary>The first instant after the period: Monday 00:00 in the platform's zone.</summary>
    public Instant EndOf(LocalDate periodEnd) => periodEnd.PlusDays(1).AtStartOfDayInZone(Zone).ToInstant();

    public Instant StartOfDay(LocalDate date) => date.AtStartOfDayInZone(Zone).ToInstant();
}
