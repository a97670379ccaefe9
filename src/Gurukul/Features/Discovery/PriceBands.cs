namespace Gurukul.Features.Discovery;

/// <summary>A range of hourly rates in minor units of <see cref="PriceBands.Currency"/>; null ends are open.</summary>
public sealed record PriceBand(string Key, long? MinRate, long? MaxRate);

/// <summary>
/// The price facet's bands, in rupees since most mentors charge in rupees: under ₹500, ₹500–999, ₹1,000–1,999 and
/// ₹2,000 or more an hour. Rates in other currencies are not converted (there are no exchange rates until payments
/// exist): they are counted together under <see cref="OtherCurrencies"/>.
/// </summary>
public static class PriceBands
{
    public const string Currency = "INR";
    public const string OtherCurrencies = "other_currencies";

    public static IReadOnlyList<PriceBand> All { get; } =
    [
        new("under_500", null, 49_999),
        new("500_999", 50_000, 99_999),
        new("1000_1999", 100_000, 199_999),
        new("2000_plus", 200_000, null),
    ];

    public static PriceBand? Find(string? key) => All.FirstOrDefault(b => b.Key == key);
}
