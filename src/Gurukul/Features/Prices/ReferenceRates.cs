using Gurukul.Platform;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Features.Prices;

/// <summary>
/// The reference rates in force (admin-maintained <see cref="ExchangeRate"/> rows, ADR 0023), immutable: converting a
/// price is arithmetic on these, never a network call. Every currency is compared through rupees; a currency without
/// a rate cannot be converted and is compared at its face value (a 1:1 rate), which the admin page flags.
/// </summary>
public sealed class ReferenceRates
{
    public const string Rupees = "INR";

    private readonly Dictionary<string, ExchangeRate> _rates;

    public ReferenceRates(IEnumerable<ExchangeRate> rates) =>
        _rates = rates.Where(r => r.RupeesPerUnit > 0).ToDictionary(r => r.Currency, StringComparer.Ordinal);

    public static ReferenceRates None { get; } = new([]);

    /// <summary>The oldest date among the rates in use: what a converted price says it is based on.</summary>
    public LocalDate? AsOf => _rates.Count == 0 ? null : _rates.Values.Min(r => r.AsOf);

    public bool Knows(string currency) => currency == Rupees || _rates.ContainsKey(currency);

    public decimal RupeesPerUnit(string currency) =>
        currency == Rupees ? 1m : _rates.TryGetValue(currency, out var rate) ? rate.RupeesPerUnit : 1m;

    /// <summary>The amount in rupee minor units (paise), rounded to the nearest: how prices in different currencies are ordered.</summary>
    public long ToRupees(long amountMinor, string currency) =>
        currency == Rupees ? amountMinor : (long)Math.Round(amountMinor * RupeesPerUnit(currency), MidpointRounding.AwayFromZero);

    /// <summary>The price in <paramref name="currency"/>, rounded to the nearest minor unit.</summary>
    public Money Convert(Money price, string currency) =>
        price.Currency == currency ? price : new Money(Convert(price.AmountMinor, price.Currency, currency), currency);

    /// <summary>An amount of <paramref name="from"/> in <paramref name="to"/>'s minor units (no allocation: filters convert thousands).</summary>
    public long Convert(long amountMinor, string from, string to) => from == to ? amountMinor
        : (long)Math.Round(ToRupees(amountMinor, from) / RupeesPerUnit(to), MidpointRounding.AwayFromZero);

    public static async Task<ReferenceRates> LoadAsync(GurukulDbContext db, CancellationToken cancellationToken) =>
        new(await db.Set<ExchangeRate>().AsNoTracking().ToListAsync(cancellationToken));
}
