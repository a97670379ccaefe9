using System.Text.Json;
using Gurukul.Features.Reference;
using Gurukul.Platform.Text;
using Xunit;

namespace Gurukul.Tests.Features.Reference;

/// <summary>The shipped term dictionary (terms.json) as search reads it: which runs of query words name which entries.</summary>
public sealed class TermSetTests
{
    private static readonly TermSet Shipped = Build();

    [Theory]
    [InlineData("భౌతిక శాస్త్రం", "subject:school-physics")]
    [InlineData("భౌతికశాస్త్రం", "subject:school-physics")]
    [InlineData("भौतिक विज्ञान", "subject:school-physics")]
    [InlineData("bhautik vigyan", "subject:school-physics")]
    [InlineData("bhoutik vigyan", "subject:school-physics")]
    [InlineData("phsyics", "subject:school-physics")]
    [InlineData("గణితం", "subject:school-mathematics")]
    [InlineData("ganitham", "subject:school-mathematics")]
    [InlineData("गणित", "subject:school-mathematics")]
    [InlineData("ఎంసెట్", "subject:ap-eapcet subject:ts-eapcet")]
    [InlineData("तेलुगु", "language:te subject:school-telugu subject:spoken-telugu")]
    public void Find_NamesTheEntriesInAnyScript(string query, string expected)
    {
        var matches = Shipped.Find(SearchText.Words(query));
        var match = Assert.Single(matches);
        Assert.Equal(expected, string.Join(' ', match.Concepts.Select(c => $"{c.Kind.ToString().ToLowerInvariant()}:{c.Key}").Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Find_KeepsSeparateWordsSeparate()
    {
        var matches = Shipped.Find(SearchText.Words("JEE ఫిజిక్స్"));
        Assert.Equal(2, matches.Count);
        Assert.Contains(new Concept(TermKind.Subject, "jee-main"), matches[0].Concepts);
        Assert.Equal([new Concept(TermKind.Subject, "school-physics")], matches[1].Concepts);
    }

    [Theory]
    [InlineData("priya")]
    [InlineData("शर्मा")]
    [InlineData("sharma")]
    [InlineData("lakshmi")]
    [InlineData("hyderabad")]
    public void Find_LeavesNamesAndPlacesMentorsUseAlone(string query)
    {
        // The demo mentors' own words, compared as search compares them: by sound, in any script.
        string[] used = ["priya", "sharma", "lakshmi", "hyderabad"];
        Assert.Empty(Shipped.Find(SearchText.Words(query), known: word => used.Any(u => PhoneticKey.Of(u) == PhoneticKey.Of(word))));
    }

    [Fact]
    public void Find_NeverTakesAWordMentorsUseAsATypoOfATerm()
    {
        Assert.NotEmpty(Shipped.Find(SearchText.Words("physcis")));
        Assert.Empty(Shipped.Find(SearchText.Words("physcis"), known: word => word == "physcis"));
    }

    [Fact]
    public void NameIn_GivesTheLanguagesNameOrTheEnglishOne()
    {
        var physics = new Concept(TermKind.Subject, "school-physics");
        Assert.Equal("భౌతిక శాస్త్రం (పాఠశాల)", Shipped.NameIn(physics, "te"));
        Assert.Equal("भौतिक विज्ञान (स्कूल)", Shipped.NameIn(physics, "hi"));
        Assert.Equal("Physics (School)", Shipped.NameIn(physics, "ta"));
    }

    /// <summary>The shipped dictionary over the shipped taxonomy, as a new database holds them.</summary>
    internal static TermSet Build()
    {
        var subjects = ReferenceService.ReadSeed<JsonElement>("subjects.json").GetProperty("categories").EnumerateArray().ToList();
        var entries = new List<(Concept, string)>();
        var byCategory = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var category in subjects)
        {
            var slug = category.GetProperty("slug").GetString()!;
            entries.Add((new Concept(TermKind.Category, slug), category.GetProperty("name").GetString()!));
            var inCategory = category.GetProperty("subjects").EnumerateArray()
                .Select(s => (Slug: s.GetProperty("slug").GetString()!, Name: s.GetProperty("name").GetString()!)).ToList();
            entries.AddRange(inCategory.Select(s => (new Concept(TermKind.Subject, s.Slug), s.Name)));
            byCategory[slug] = [.. inCategory.Select(s => s.Slug)];
        }

        entries.AddRange(ReferenceService.ReadSeed<JsonElement>("boards.json").EnumerateArray()
            .Select(b => (new Concept(TermKind.Board, b.GetProperty("code").GetString()!), b.GetProperty("name").GetString()!)));
        entries.AddRange(ReferenceService.ReadSeed<JsonElement>("languages.json").EnumerateArray()
            .Select(l => (new Concept(TermKind.Language, l.GetProperty("code").GetString()!), l.GetProperty("englishName").GetString()!)));
        return new TermSet(1, ReferenceService.SeedTerms(), entries, byCategory);
    }
}
