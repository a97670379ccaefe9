using System.Buffers.Binary;
using System.Collections.Concurrent;
using Gurukul.Features.Prices;
using Gurukul.Features.Mentors;
using Gurukul.Platform;

namespace Gurukul.Features.Discovery;

/// <summary>
/// An immutable copy of every public mentor's filter and sort fields at one version of the change clock (migration
/// 0009), laid out for search: each mentor has a position; subjects, languages, levels, price bands and states have a
/// set of positions each (<see cref="SearchBits"/>); each order but relevance is a presorted array of positions. A
/// request reads one snapshot from start to end, so its total, page and cursor agree. See docs/adr/0014-mentor-search.md.
/// </summary>
public sealed class SearchSnapshot
{
    private readonly Dictionary<Guid, int> _positions;
    private readonly SearchEntry[] _entries;
    private readonly ConcurrentDictionary<string, SearchBits[]> _bandsByCurrency = new(StringComparer.Ordinal);

    private SearchSnapshot(long version, long textVersion, IReadOnlyList<SearchEntry> entries, SearchNames names, ReferenceRates rates)
    {
        Version = version;
        TextVersion = textVersion;
        Names = names;
        Rates = rates;
        Count = entries.Count;
        _entries = [.. entries];
        Ids = new Guid[Count];
        IdHigh = new ulong[Count];
        IdLow = new ulong[Count];
        Rating = new decimal[Count];
        RatingCount = new int[Count];
        Amount = new long[Count];
        Rupees = new long[Count];
        Currency = new string[Count];
        Experience = new int[Count];
        Country = new string[Count];
        City = new string?[Count];
        _positions = new Dictionary<Guid, int>(Count);
        School = new SearchBits(Count);
        College = new SearchBits(Count);
        var subjects = new Dictionary<string, SearchBits>(StringComparer.Ordinal);
        var languages = new Dictionary<string, SearchBits>(StringComparer.Ordinal);
        var states = new Dictionary<string, SearchBits>(StringComparer.Ordinal);
        var countries = new Dictionary<string, SearchBits>(StringComparer.Ordinal);
        var cities = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < Count; i++)
        {
            var e = entries[i];
            Ids[i] = e.Id;
            _positions[e.Id] = i;
            // Big-endian halves order ids as their text does, which is how PostgreSQL orders uuids.
            e.Id.TryWriteBytes(bytes, bigEndian: true, out _);
            IdHigh[i] = BinaryPrimitives.ReadUInt64BigEndian(bytes);
            IdLow[i] = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
            Rating[i] = e.Rating;
            RatingCount[i] = e.RatingCount;
            Amount[i] = e.Amount;
            Rupees[i] = rates.ToRupees(e.Amount, e.Currency);
            Currency[i] = e.Currency;
            Experience[i] = e.Experience;
            Country[i] = e.Country;
            City[i] = e.City?.ToLowerInvariant();
            if ((e.Levels & StudentLevels.School) != 0)
            {
                School.Add(i);
            }

            if ((e.Levels & StudentLevels.College) != 0)
            {
                College.Add(i);
            }

            foreach (var subject in e.Subjects)
            {
                Of(subjects, subject, Count).Add(i);
            }

            foreach (var language in e.Languages)
            {
                Of(languages, language, Count).Add(i);
            }

            if (e.State is { } state)
            {
                Of(states, state, Count).Add(i);
            }

            Of(countries, e.Country, Count).Add(i);
            if (City[i] is { } city)
            {
                if (!cities.TryGetValue(city, out var inCity))
                {
                    inCity = [];
                    cities[city] = inCity;
                }

                inCity.Add(i);
            }
        }

        BySubject = subjects;
        ByLanguage = languages;
        ByState = states;
        ByCountry = countries;
        ByCity = cities.ToDictionary(c => c.Key, c => c.Value.ToArray(), StringComparer.Ordinal);
        ByRating = Sorted(MentorSort.Rating);
        ByPriceAsc = Sorted(MentorSort.PriceAsc);
        ByPriceDesc = Sorted(MentorSort.PriceDesc);
        ByExperience = Sorted(MentorSort.Experience);
        ByCurrencyPrice = ByPriceAsc.GroupBy(p => Currency[p], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => Amount[p]).ThenBy(p => IdHigh[p]).ThenBy(p => IdLow[p]).ToArray(), StringComparer.Ordinal);
    }

    public long Version { get; }

    /// <summary>The version of the mentors' text (mentor_search) this snapshot was taken at: text matches are cached per text version.</summary>
    public long TextVersion { get; }

    public SearchNames Names { get; }

    /// <summary>The reference rates prices are compared and shown with (ADR 0023).</summary>
    public ReferenceRates Rates { get; }

    public int Count { get; }

    public Guid[] Ids { get; }

    public ulong[] IdHigh { get; }

    public ulong[] IdLow { get; }

    public decimal[] Rating { get; }

    public int[] RatingCount { get; }

    public long[] Amount { get; }

    /// <summary>Each rate in rupee minor units at the reference rates: the price orders and bands compare these.</summary>
    public long[] Rupees { get; }

    public string[] Currency { get; }

    public int[] Experience { get; }

    public string[] Country { get; }

    /// <summary>Lower-cased: the city filter ignores case.</summary>
    public string?[] City { get; }

    public SearchBits School { get; }

    public SearchBits College { get; }

    public IReadOnlyDictionary<string, SearchBits> BySubject { get; }

    public IReadOnlyDictionary<string, SearchBits> ByLanguage { get; }

    /// <summary>States as mentors wrote them (the facet shows them so); the filter joins those equal but for case.</summary>
    public IReadOnlyDictionary<string, SearchBits> ByState { get; }

    public IReadOnlyDictionary<string, SearchBits> ByCountry { get; }

    /// <summary>Positions by lower-cased city: most cities have few mentors, so a list each rather than a set each.</summary>
    public IReadOnlyDictionary<string, int[]> ByCity { get; }

    /// <summary>Each currency's mentors by their own amount, cheapest first: for a price range in one currency's own units.</summary>
    public IReadOnlyDictionary<string, int[]> ByCurrencyPrice { get; }

    public int[] ByRating { get; }

    public int[] ByExperience { get; }

    public int[] ByPriceAsc { get; }

    private int[] ByPriceDesc { get; }

    public static SearchSnapshot Build(long version, long textVersion, IReadOnlyList<SearchEntry> entries, SearchNames names, ReferenceRates rates) =>
        new(version, textVersion, entries, names, rates);

    public int? PositionOf(Guid id) => _positions.TryGetValue(id, out var position) ? position : null;

    /// <summary>
    /// The card of the mentor at this position, named from this snapshot's reference data. Subjects or languages the
    /// reference data no longer has are left out, as the database's join would.
    /// </summary>
    public PublicMentorCard Card(int position)
    {
        var e = _entries[position];
        return new PublicMentorCard(
            e.Id, e.Slug, e.Name, e.PhotoKey, e.Headline, e.Experience, new Money(e.Amount, e.Currency), e.Rating, e.RatingCount,
            e.PrimaryLanguage, e.City, e.State, e.Country,
            [.. e.Subjects.Select(Names.Subjects.GetValueOrDefault).OfType<PublicSubject>()],
            [.. e.Languages.Select(Names.Languages.GetValueOrDefault).OfType<PublicLanguage>()]);
    }

    /// <summary>The cards of these mentors in the order given, leaving out any that are not public in this snapshot.</summary>
    public IReadOnlyList<PublicMentorCard> Cards(IEnumerable<Guid> ids) =>
        [.. ids.Select(PositionOf).OfType<int>().Select(Card)];

    /// <summary>The presorted positions of an order other than relevance (which depends on the text: see <see cref="TextMatches"/>).</summary>
    public int[] Order(MentorSort sort) => sort switch
    {
        MentorSort.PriceAsc => ByPriceAsc,
        MentorSort.PriceDesc => ByPriceDesc,
        MentorSort.Experience => ByExperience,
        _ => ByRating,
    };

    /// <summary>A mentor's sort keys. Prices compare in rupees at the reference rates, whatever the mentor charges in.</summary>
    public SearchKey Key(int position, double score) => new(
        score, Rating[position], RatingCount[position], 0, "", Rupees[position], Experience[position], IdHigh[position], IdLow[position]);

    /// <summary>The sort keys of a mentor as a cursor carries them.</summary>
    public SearchRow Row(int position, double score) => new()
    {
        Id = Ids[position], Score = score, Rating = Rating[position], RatingCount = RatingCount[position],
        CurrencyRank = 0, Currency = "", Amount = Rupees[position],
        Experience = Experience[position],
    };

    /// <summary>
    /// Roughly what the snapshot holds in memory (arrays, sets, the id map, the cards' own text; interned strings not
    /// counted), for the figure in ADR 0014 and the log.
    /// </summary>
    public long Bytes =>
        (Count * (16L + 8 + 8 + 16 + 4 + 8 + 8 + 4 + 8 + 8 + (4 * 4) + 24 + 8))
        + _entries.Sum(e => 200L + (2L * (e.Slug.Length + e.Name.Length + (e.PhotoKey?.Length ?? 0) + e.Headline.Length)))
        + BySubject.Values.Concat(ByLanguage.Values).Concat(ByState.Values).Append(School).Append(College).Sum(b => b.Bytes);

    /// <summary>
    /// The mentors in each price band of <paramref name="currency"/> (<see cref="PriceBands.For"/>), their rates converted
    /// at the reference rates: every mentor is in one band. Worked out once per snapshot and currency.
    /// </summary>
    public SearchBits[] BandsIn(string currency) => _bandsByCurrency.GetOrAdd(currency, c =>
    {
        var bands = PriceBands.For(c);
        var sets = bands.Select(_ => new SearchBits(Count)).ToArray();
        for (var i = 0; i < Count; i++)
        {
            var amount = PriceIn(i, c);
            sets[bands.Count(b => b.MinRate is { } min && amount >= min)].Add(i);
        }

        return sets;
    });

    /// <summary>The mentor's rate in <paramref name="currency"/>'s minor units, converted at the reference rates when it is not their own.</summary>
    public long PriceIn(int position, string currency) => Rates.Convert(Amount[position], Currency[position], currency);

    private static SearchBits Of(Dictionary<string, SearchBits> sets, string key, int count)
    {
        if (!sets.TryGetValue(key, out var set))
        {
            set = new SearchBits(count);
            sets[key] = set;
        }

        return set;
    }

    private int[] Sorted(MentorSort sort)
    {
        var positions = Enumerable.Range(0, Count).ToArray();
        Array.Sort(positions, (a, b) => SearchOrder.Compare(Key(a, 0), Key(b, 0), sort));
        return positions;
    }
}

/// <summary>The reference data facets and cards show: subjects (with their category) by slug, languages by code.</summary>
public sealed record SearchNames(IReadOnlyDictionary<string, PublicSubject> Subjects, IReadOnlyDictionary<string, PublicLanguage> Languages);
