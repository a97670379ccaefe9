using System.Text;
using Gurukul.Bench.Catalog;
using Gurukul.Bench.Generate;

namespace Gurukul.Bench.Load;

/// <summary>A search to send: its query string and what kind of search it is (a line of its own in the report).</summary>
public sealed record SearchQuery(string QueryString, string Variant);

/// <summary>
/// The filters real visitors would combine on <c>GET /api/v1/mentors</c> and <c>/facets</c> (API.md "Finding mentors"):
/// free text in English, with typos, by name and in Indian scripts (the mentors' own words, and subjects, exams and
/// names as Hindi and Telugu students type them); subject, language, level, rating, price and place
/// filters weighted the way the generated marketplace is; every sort order.
/// </summary>
public sealed class SearchQueries
{
    private static readonly string[] SubjectWords =
    [
        "physics", "maths", "mathematics", "chemistry", "biology", "JEE", "NEET", "JEE Main physics", "organic chemistry", "calculus",
        "data structures", "python", "machine learning", "UPSC", "spoken english", "IELTS", "CA foundation", "GATE", "system design",
        "carnatic vocal", "accountancy", "EAPCET", "board exam", "NEET biology", "interview preparation", "coordinate geometry",
    ];

    private static readonly string[] Typos =
    [
        "physcs", "phisics", "mathematcs", "maths olympaid", "chemestry", "biolgy", "pyhton", "machne learning", "calculas",
        "organic chemsitry", "data structers", "spokn english", "accountency", "UPCS", "eapset", "neet bilogy", "systme design",
    ];

    /// <summary>
    /// Subjects and exams as Hindi and Telugu students type them (issue 17): in their script, in Latin letters, with a
    /// typo, mixed with an English exam name; and names typed in Devanagari or Telugu.
    /// </summary>
    private static readonly string[] IndianLanguageQueries =
    [
        "భౌతిక శాస్త్రం", "JEE ఫిజిక్స్", "గణితం", "లెక్కలు", "రసాయన శాస్త్రం", "ganitham", "bhoutika shastram", "భౌతిక శాస్త్రము",
        "भौतिक विज्ञान", "JEE भौतिकी", "गणित", "रसायन विज्ञान", "जीव विज्ञान", "bhautik vigyan", "ganit", "गनित", "नीट जीव विज्ञान",
        "प्रिया शर्मा", "ప్రియ", "राहुल", "లక్ష్మి",
    ];

    private static readonly string[] Sorts = ["relevance", "rating", "price_asc", "price_desc", "experience"];

    private readonly WeightedSet<string> _subjects;
    private readonly WeightedSet<string> _languages;
    private readonly WeightedSet<StateInfo> _states;
    private readonly List<string> _nativeWords;
    private readonly List<(string Given, string Family)> _names;

    public SearchQueries(Catalogs catalogs)
    {
        // Subjects weighted as the generator spreads them over mentors: archetype weight, Zipf within each group.
        var subjectWeights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var persona in catalogs.Personas.Personas)
        {
            foreach (var group in persona.Groups)
            {
                var concrete = group.Subjects.Where(s => !s.StartsWith('$')).ToList();
                for (var rank = 0; rank < concrete.Count; rank++)
                {
                    subjectWeights[concrete[rank]] = subjectWeights.GetValueOrDefault(concrete[rank]) + (persona.Weight / persona.Groups.Count / (rank + 1));
                }
            }
        }

        _subjects = WeightedSet.From(subjectWeights);
        _states = WeightedSet.From(catalogs.Places.States, s => s.Weight * s.Reach);
        var languageWeights = new Dictionary<string, double>(StringComparer.Ordinal) { ["en"] = 25, ["hi"] = 20 };
        foreach (var state in catalogs.Places.States)
        {
            foreach (var (code, share) in state.Languages)
            {
                languageWeights[code] = languageWeights.GetValueOrDefault(code) + (state.Weight * state.Reach * share / 30);
            }
        }

        _languages = WeightedSet.From(languageWeights);
        _nativeWords = [.. catalogs.Native.Languages.Values.SelectMany(l => l.Subjects.Values)];
        _names = [.. catalogs.Names.Pools.Values.SelectMany(p => p.Male.Concat(p.Female).Take(12).Zip(p.Family, (g, f) => (g, f)))];
    }

    /// <summary>A list request: filters, a sort, sometimes a page size; its variant says what kind of text search it is.</summary>
    public SearchQuery Search(Draw draw)
    {
        var query = new QueryBuilder();
        var variant = "filters only";
        if (draw.Chance(0.45))
        {
            (var text, variant) = Text(draw);
            query.Add("q", text);
        }

        Filters(draw, query);
        var hasText = variant != "filters only";
        var sort = hasText
            ? draw.Weighted(TextSorts)
            : draw.Weighted(BrowseSorts);
        if (sort.Length > 0)
        {
            query.Add("sort", sort);
        }

        if (draw.Chance(0.15))
        {
            query.Add("limit", draw.Chance(0.35) ? "10" : "50");
        }

        return new SearchQuery(query.ToString(), variant);
    }

    /// <summary>The same filters without sort or paging, as the facet counts next to a result list are asked for.</summary>
    public string Facets(Draw draw)
    {
        var query = new QueryBuilder();
        if (draw.Chance(0.4))
        {
            query.Add("q", Text(draw).Text);
        }

        Filters(draw, query);
        return query.ToString();
    }

    private (string Text, string Variant) Text(Draw draw)
    {
        var roll = draw.Unit();
        if (roll < 0.35)
        {
            return (draw.Pick(SubjectWords), "q: subject words");
        }

        if (roll < 0.55)
        {
            return (draw.Pick(Typos), "q: with a typo");
        }

        if (roll < 0.75)
        {
            var (given, family) = draw.Pick(_names);
            var name = draw.Chance(0.5) ? $"{given} {family}" : given;
            return draw.Chance(0.4) ? (Misspell(draw, name), "q: name with a typo") : (name, "q: name");
        }

        if (roll < 0.83)
        {
            return (draw.Pick(_nativeWords), "q: Indian script");
        }

        if (roll < 0.9)
        {
            return (draw.Pick(IndianLanguageQueries), "q: hi/te terms, names");
        }

        var state = draw.Weighted(_states);
        return ($"{draw.Pick(SubjectWords)} {draw.Weighted(WeightedSet.From(state.Cities))}", "q: subject and city");
    }

    private void Filters(Draw draw, QueryBuilder query)
    {
        if (draw.Chance(0.35))
        {
            query.Add("subject", draw.Weighted(_subjects));
        }

        if (draw.Chance(0.3))
        {
            query.Add("language", draw.Weighted(_languages));
        }

        if (draw.Chance(0.25))
        {
            query.Add("level", draw.Chance(0.6) ? "school" : "college");
        }

        if (draw.Chance(0.2))
        {
            query.Add("minRating", draw.Pick((string[])["3.5", "4", "4.5"]));
        }

        if (draw.Chance(0.2))
        {
            var (min, max) = draw.Pick(PriceBands);
            query.Add("minRate", min);
            query.Add("maxRate", max);
            if (draw.Chance(0.5))
            {
                // The range in rupees with every mentor's rate converted at the reference rates (issue 17), as the page sends it.
                query.Add("priceCurrency", "INR");
            }
        }

        if (draw.Chance(0.2))
        {
            var state = draw.Weighted(_states);
            query.Add("country", "IN");
            query.Add("state", state.Name);
            if (draw.Chance(0.4))
            {
                query.Add("city", draw.Weighted(WeightedSet.From(state.Cities)));
            }
        }

        if (draw.Chance(0.02))
        {
            // Accepted and documented as pending until scheduling lands (issue 5).
            query.Add("availableFrom", "2026-02-01T00:00:00Z");
            query.Add("availableTo", "2026-02-08T00:00:00Z");
        }
    }

    /// <summary>One slip of the finger: a dropped, doubled or swapped letter.</summary>
    private static string Misspell(Draw draw, string text)
    {
        var letters = new StringBuilder(text);
        var at = draw.Between(1, Math.Max(1, letters.Length - 2));
        switch (draw.Between(0, 2))
        {
            case 0:
                letters.Remove(at, 1);
                break;
            case 1:
                letters.Insert(at, letters[at]);
                break;
            default:
                (letters[at], letters[at - 1]) = (letters[at - 1], letters[at]);
                break;
        }

        return letters.ToString();
    }

    // Minor units (paise): under ₹300, ₹300–₹500, ₹500–₹1,000, ₹1,000–₹3,000, or only a floor or a ceiling.
    private static readonly (string? Min, string? Max)[] PriceBands =
        [(null, "30000"), ("30000", "50000"), ("50000", "100000"), ("100000", "300000"), ("100000", null), (null, "80000")];

    // "" leaves the sort to the server's default.
    private static readonly WeightedSet<string> TextSorts = WeightedSet.From(new Dictionary<string, double>
    {
        [""] = 30, [Sorts[0]] = 30, [Sorts[1]] = 20, [Sorts[2]] = 10, [Sorts[3]] = 5, [Sorts[4]] = 5,
    });

    private static readonly WeightedSet<string> BrowseSorts = WeightedSet.From(new Dictionary<string, double>
    {
        [""] = 30, [Sorts[1]] = 35, [Sorts[2]] = 20, [Sorts[3]] = 5, [Sorts[4]] = 10,
    });

    private sealed class QueryBuilder
    {
        private readonly StringBuilder _text = new();

        public void Add(string name, string? value)
        {
            if (value is null)
            {
                return;
            }

            _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        public override string ToString() => _text.ToString();
    }
}
