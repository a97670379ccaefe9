using System.Reflection;
using System.Text.Json;
using Gurukul.Platform.Text;

namespace Gurukul.Features.Places;

/// <summary>A populated place of India from GeoNames: its id there, name, state, population and the other names people use.</summary>
public sealed record Place(int Id, string Name, string? State, long Population, IReadOnlyList<string> OtherNames);

/// <summary>A suggested place and the name the typed text matched, when that is not the place's own (Vizag → Visakhapatnam).</summary>
public sealed record PlaceSuggestion(Place Place, string? Matched);

/// <summary>
/// The cities and towns of India with their alternate names in Latin letters and Indian scripts, from GeoNames (CC BY,
/// through npm: see Platform/Places/build-india-places.js and ADR 0023), embedded in the assembly. Names compare
/// folded (<see cref="TextFolding"/>), so case, accents, nuktas and joiners do not matter; whole names also compare by
/// sound (<see cref="PhoneticKey"/>), so "Haidarabad" is Hyderabad. Immutable and shared: loaded once per process.
/// </summary>
public sealed class PlaceDirectory
{
    public const string Country = "IN";

    private static readonly Lazy<PlaceDirectory> Shipped = new(Load);

    private readonly (string Name, Place Place, string Written)[] _byName;
    private readonly Dictionary<string, Place> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Place> _bySound = new(StringComparer.Ordinal);

    // Filters resolve every city name mentors wrote on every search that filters by city: each is worked out once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Place?> _resolved = new(StringComparer.Ordinal);

    public PlaceDirectory(string attribution, IEnumerable<Place> places)
    {
        Attribution = attribution;
        var names = new List<(string, Place, string)>();
        // Most populous first, so a name shared by several places (there are many Rampurs) means the biggest.
        foreach (var place in places.OrderByDescending(p => p.Population).ThenBy(p => p.Id))
        {
            foreach (var written in place.OtherNames.Prepend(place.Name))
            {
                var folded = string.Join(' ', SearchText.Words(written));
                if (folded.Length == 0)
                {
                    continue;
                }

                names.Add((folded, place, written));
                _exact.TryAdd(folded, place);
                _bySound.TryAdd(PhoneticKey.Of(folded.Replace(" ", "", StringComparison.Ordinal)), place);
            }
        }

        _byName = [.. names.OrderBy(n => n.Item1, StringComparer.Ordinal)];
        Count = names.Select(n => n.Item2.Id).Distinct().Count();
    }

    public static PlaceDirectory India => Shipped.Value;

    /// <summary>The data's source and licence, shown wherever place names are offered.</summary>
    public string Attribution { get; }

    public int Count { get; }

    /// <summary>The place a written name means: the most populous place of that name or alternate name, else of that sound.</summary>
    public Place? Resolve(string? written) => written is null ? null
        : _resolved.Count < 100_000 ? _resolved.GetOrAdd(written, ResolveNow) : ResolveNow(written);

    private Place? ResolveNow(string written)
    {
        var folded = string.Join(' ', SearchText.Words(written));
        if (folded.Length == 0)
        {
            return null;
        }

        return _exact.GetValueOrDefault(folded) ?? _bySound.GetValueOrDefault(PhoneticKey.Of(folded.Replace(" ", "", StringComparison.Ordinal)));
    }

    /// <summary>Whether two written city names mean the same place ("लखनऊ" and "Lucknow"), or are the same text.</summary>
    public bool SameCity(string? a, string? b)
    {
        if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b))
        {
            return false;
        }

        if (TextFolding.Fold(a.Trim()) == TextFolding.Fold(b.Trim()))
        {
            return true;
        }

        return Resolve(a) is { } first && Resolve(b) is { } second && first.Id == second.Id;
    }

    /// <summary>
    /// Places whose name or an alternate name starts with <paramref name="typed"/> (folded), most populous first, each
    /// once ("Hyder" → Hyderabad, "vizag" → Visakhapatnam, "హైద" → Hyderabad).
    /// </summary>
    public IReadOnlyList<PlaceSuggestion> Suggest(string? typed, int limit)
    {
        var prefix = string.Join(' ', SearchText.Words(typed));
        if (prefix.Length == 0 || limit <= 0)
        {
            return [];
        }

        var start = FirstAtLeast(prefix);
        var found = new Dictionary<int, PlaceSuggestion>();
        for (var i = start; i < _byName.Length && _byName[i].Name.StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            var (name, place, written) = _byName[i];
            var own = string.Join(' ', SearchText.Words(place.Name));
            if (!found.TryGetValue(place.Id, out var known) || (known.Matched is not null && name == own))
            {
                found[place.Id] = new PlaceSuggestion(place, name.StartsWith(own, StringComparison.Ordinal) ? null : written);
            }
        }

        return [.. found.Values.OrderByDescending(s => s.Place.Population).ThenBy(s => s.Place.Name, StringComparer.Ordinal).Take(limit)];
    }

    private int FirstAtLeast(string prefix)
    {
        int low = 0, high = _byName.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (string.CompareOrdinal(_byName[middle].Name, prefix) < 0)
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

    private static PlaceDirectory Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("places/india-places.json")
            ?? throw new InvalidOperationException("The places of India are not embedded: the build runs `npm run build:places` (ADR 0023).");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var places = root.GetProperty("places").EnumerateArray().Select(p => new Place(
            p[0].GetInt32(), p[1].GetString()!, p[2].GetString(), p[3].GetInt64(), [.. p[4].EnumerateArray().Select(n => n.GetString()!)]));
        return new PlaceDirectory(root.GetProperty("attribution").GetString()!, [.. places]);
    }
}
