using Gurukul.Bench.Catalog;

namespace Gurukul.Bench.Generate;

/// <summary>Where someone lives. <see cref="State"/> is set for India; <see cref="Abroad"/> for the few mentors outside it.</summary>
public sealed record Home(StateInfo? State, AbroadInfo? Abroad, StateInfo Roots, string City, string StateName, string Country, string TimeZone)
{
    /// <summary>The first language of the home state (the roots of someone abroad), e.g. <c>te</c> for Telangana.</summary>
    public string RegionalLanguage => Roots.Languages.MaxBy(l => l.Value).Key;
}

/// <summary>What mentors and students have in common: a home, a name that fits it, and the languages they speak.</summary>
public sealed class People(Catalogs catalogs)
{
    private readonly WeightedSet<StateInfo> _states = WeightedSet.From(catalogs.Places.States, s => s.Weight * s.Reach);
    private readonly WeightedSet<AbroadInfo> _abroad = WeightedSet.From(catalogs.Places.Abroad, a => a.Weight);
    private readonly double _abroadShare = catalogs.Places.Abroad.Sum(a => a.Weight) / 100.0;
    private readonly Dictionary<string, WeightedSet<string>> _cities = catalogs.Places.States.ToDictionary(s => s.Name, s => WeightedSet.From(s.Cities));
    private readonly Dictionary<string, WeightedSet<string>> _pools = catalogs.Places.States.ToDictionary(s => s.Name, s => WeightedSet.From(s.Pools));
    private readonly Dictionary<string, WeightedSet<string>> _languages = catalogs.Places.States.ToDictionary(s => s.Name, s => WeightedSet.From(s.Languages));

    public Home PickHome(Draw draw, bool mayLiveAbroad)
    {
        var roots = draw.Weighted(_states);
        if (mayLiveAbroad && draw.Chance(_abroadShare))
        {
            var abroad = draw.Weighted(_abroad);
            var place = draw.Weighted(WeightedSet.From(abroad.Places, p => p.Weight));
            return new Home(null, abroad, roots, place.City, place.State, abroad.Country, place.TimeZone);
        }

        return new Home(roots, null, roots, draw.Weighted(_cities[roots.Name]), roots.Name, "IN", "Asia/Kolkata");
    }

    /// <summary>A full name written the way the person's community writes names.</summary>
    public string PickName(Draw draw, Home home, bool female)
    {
        var pool = catalogs.Names.Pools[draw.Weighted(_pools[home.Roots.Name])];
        var given = draw.Pick(female ? pool.Female : pool.Male);
        var family = draw.Pick(pool.Family);
        return pool.Pattern switch
        {
            // Often written family name first in formal use ("Kandula Srinivas Rao").
            "telugu" => draw.Chance(0.15) ? $"{family} {given}" : $"{given} {family}",
            // Many Tamil names carry the father's initial instead of a family name.
            "tamil" => draw.Unit() switch
            {
                < 0.6 => $"{given} {family}",
                < 0.85 => $"{given} {family[0]}",
                _ => $"{family[0]}. {given}",
            },
            "sikh" => (female ? $"{given} Kaur" : $"{given} Singh") + (draw.Chance(female ? 0.5 : 0.6) ? " " + family : ""),
            "meitei" => $"{family} {given} {(female ? "Devi" : "Singh")}",
            _ => $"{given} {family}",
        };
    }

    /// <summary>English for some, Hindi for some outside the Hindi belt, else the language of the home state.</summary>
    public string PickPrimaryLanguage(Draw draw, Home home, double englishShare, double hindiShare)
    {
        if (draw.Chance(home.Abroad is null ? englishShare : 0.7))
        {
            return "en";
        }

        var regional = draw.Weighted(_languages[home.Roots.Name]);
        return regional != "hi" && draw.Chance(hindiShare) ? "hi" : regional;
    }

    /// <summary>1–4 languages, the first language first; English and Hindi are the usual second languages.</summary>
    public List<string> SpokenLanguages(Draw draw, string primary, Home home)
    {
        var count = draw.Weighted(SpokenCounts);
        var spoken = new List<string> { primary };
        void Offer(string code, double probability)
        {
            if (spoken.Count < count && !spoken.Contains(code) && draw.Chance(probability))
            {
                spoken.Add(code);
            }
        }

        Offer("en", 0.9);
        Offer(home.RegionalLanguage, 0.85);
        Offer("hi", 0.6);
        // Then languages picked up elsewhere: a neighbour's, a spouse's, a city's.
        for (var attempt = 0; spoken.Count < count && attempt < 10; attempt++)
        {
            Offer(draw.Weighted(_languages[draw.Weighted(_states).Name]), 1.0);
        }

        return spoken;
    }

    private static readonly WeightedSet<int> SpokenCounts = WeightedSet.From(new Dictionary<int, double> { [1] = 8, [2] = 40, [3] = 37, [4] = 15 });
}
