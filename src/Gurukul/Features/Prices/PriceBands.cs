namespace Gurukul.Features.Prices;

/// <summary>A range of hourly rates in minor units of <see cref="Currency"/>; null ends are open.</summary>
public sealed record PriceBand(string Key, string Currency, long? MinRate, long? MaxRate);

/// <summary>
/// The price facet's bands in each currency a visitor may see prices in, at round amounts of that currency (under ₹500,
/// under $10 …). Every mentor falls in one band of every currency, their rate converted at the reference rates
/// (<see cref="ReferenceRates"/>, ADR 0023).
/// </summary>
public static class PriceBands
{
    private static readonly Dictionary<string, long[]> Edges = new(StringComparer.Ordinal)
    {
        // The start of each band after the first, in major units.
        ["INR"] = [500, 1_000, 2_000],
        ["USD"] = [10, 20, 40],
        ["EUR"] = [10, 20, 40],
        ["GBP"] = [8, 16, 32],
        ["SGD"] = [15, 30, 60],
        ["AED"] = [40, 80, 150],
    };

    public static IReadOnlyList<PriceBand> For(string currency)
    {
        var edges = Edges.GetValueOrDefault(currency) ?? Edges[ReferenceRates.Rupees];
        var bands = new List<PriceBand> { new($"under_{edges[0]}", currency, null, (edges[0] * 100) - 1) };
        for (var i = 1; i < edges.Length; i++)
        {
            bands.Add(new PriceBand($"{edges[i - 1]}_{edges[i] - 1}", currency, edges[i - 1] * 100, (edges[i] * 100) - 1));
        }

        bands.Add(new PriceBand($"{edges[^1]}_plus", currency, edges[^1] * 100, null));
        return bands;
    }

    public static PriceBand? Find(string? key, string currency) => For(currency).FirstOrDefault(b => b.Key == key);
}
