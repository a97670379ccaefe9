using Gurukul.Features.Mentors;
using Gurukul.Features.Scheduling;

namespace Gurukul.Features.Discovery;

/// <summary>The filters a facet counts without: its own (price counts without the whole price range, states without city).</summary>
public enum SearchFacet
{
    None,
    Subject,
    Language,
    Level,
    Price,
    Place,
}

/// <summary>
/// The mentors of a snapshot that pass each part of a search's filters, kept apart so that each facet can be counted
/// with every filter but its own. Subjects, languages, levels and states are precomputed sets; ratings and experience
/// are prefixes of their presorted orders, price ranges runs of the price order, countries and cities precomputed too:
/// no filter looks at every mentor.
/// </summary>
public sealed class SearchFilter
{
    private readonly SearchBits _always;
    private readonly Dictionary<SearchFacet, SearchBits> _parts = [];

    public SearchFilter(SearchSnapshot snapshot, MentorFilters f, TextMatches? text, AvailabilityWindow? available = null)
    {
        var n = snapshot.Count;
        _always = text?.Hits.Copy() ?? SearchBits.All(n);
        if (f.MinRating is { } minRating)
        {
            _always.IntersectWith(Prefix(snapshot.ByRating, n, p => snapshot.Rating[p] >= minRating));
        }

        if (f.MinExperience is { } minExperience)
        {
            _always.IntersectWith(Prefix(snapshot.ByExperience, n, p => snapshot.Experience[p] >= minExperience));
        }

        if (f.Country is { } country)
        {
            _always.IntersectWith(snapshot.ByCountry.GetValueOrDefault(country) ?? new SearchBits(n));
        }

        if (available is not null)
        {
            // Last of the filters every facet shares, so only mentors still in the running are looked up.
            _always.KeepOnly(available.IsAvailable);
        }

        if (f.Subject is { } subject)
        {
            _parts[SearchFacet.Subject] = snapshot.BySubject.GetValueOrDefault(subject) ?? new SearchBits(n);
        }

        if (f.Language is { } language)
        {
            // The primary language is always one of the mentor's languages (MentorProfileService keeps it so).
            _parts[SearchFacet.Language] = snapshot.ByLanguage.GetValueOrDefault(language) ?? new SearchBits(n);
        }

        if (f.Level is { } level)
        {
            var served = new SearchBits(n);
            _parts[SearchFacet.Level] = served;
            if ((level & StudentLevels.School) != 0)
            {
                served.UnionWith(snapshot.School);
            }

            if ((level & StudentLevels.College) != 0)
            {
                served.UnionWith(snapshot.College);
            }
        }

        if (f.MinRate is not null || f.MaxRate is not null || f.Currency is not null)
        {
            _parts[SearchFacet.Price] = PriceRange(snapshot, f.MinRate ?? long.MinValue, f.MaxRate ?? long.MaxValue, f.Currency);
        }

        if (f.State is not null || f.City is not null)
        {
            // Places are free text on profiles, matched without regard to case (the filter values arrive lower-cased).
            var place = f.State is { } state
                ? snapshot.ByState.Where(s => string.Equals(s.Key, state, StringComparison.OrdinalIgnoreCase)).Aggregate(new SearchBits(n), (all, s) => all.UnionWith(s.Value))
                : SearchBits.All(n);
            if (f.City is { } city)
            {
                var inCity = new SearchBits(n);
                foreach (var position in snapshot.ByCity.GetValueOrDefault(city) ?? [])
                {
                    inCity.Add(position);
                }

                place.IntersectWith(inCity);
            }

            _parts[SearchFacet.Place] = place;
        }
    }

    /// <summary>The mentors passing every filter but <paramref name="facet"/>'s own (all of them for <see cref="SearchFacet.None"/>).</summary>
    public SearchBits Without(SearchFacet facet)
    {
        var matches = _always.Copy();
        foreach (var (part, bits) in _parts)
        {
            if (part != facet)
            {
                matches.IntersectWith(bits);
            }
        }

        return matches;
    }

    /// <summary>
    /// The positions at the start of <paramref name="order"/> for which <paramref name="holds"/> is true: the order sorts
    /// by that value (best first), so the boundary is found by binary search and only the matches are visited.
    /// </summary>
    private static SearchBits Prefix(int[] order, int n, Func<int, bool> holds)
    {
        int low = 0, high = order.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (holds(order[middle]))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var bits = new SearchBits(n);
        for (var i = 0; i < low; i++)
        {
            bits.Add(order[i]);
        }

        return bits;
    }

    /// <summary>
    /// The mentors charging between <paramref name="min"/> and <paramref name="max"/> (in <paramref name="currency"/>
    /// only, when given): within each currency's run of the ascending price order the amounts ascend, so each range is
    /// two binary searches and a walk over its matches.
    /// </summary>
    private static SearchBits PriceRange(SearchSnapshot snapshot, long min, long max, string? currency)
    {
        var bits = new SearchBits(snapshot.Count);
        foreach (var (runCurrency, run) in snapshot.CurrencyRuns)
        {
            if (currency is not null && runCurrency != currency)
            {
                continue;
            }

            var (start, length) = run.GetOffsetAndLength(snapshot.ByPriceAsc.Length);
            var order = snapshot.ByPriceAsc.AsSpan(start, length);
            var from = FirstAtLeast(snapshot.Amount, order, min);
            for (var i = from; i < order.Length && snapshot.Amount[order[i]] <= max; i++)
            {
                bits.Add(order[i]);
            }
        }

        return bits;
    }

    private static int FirstAtLeast(long[] amounts, ReadOnlySpan<int> ascending, long value)
    {
        int low = 0, high = ascending.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (amounts[ascending[middle]] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
