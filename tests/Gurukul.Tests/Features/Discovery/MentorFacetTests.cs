using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;
using static Gurukul.Tests.Features.Discovery.SearchSetup;

namespace Gurukul.Tests.Features.Discovery;

/// <summary>GET /api/v1/mentors/facets: every count is what the list would show with that choice added.</summary>
public sealed class MentorFacetTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task EveryFacetCount_EqualsTheTotalOfThatFilteredSearch(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var marker = Marker();
        await CreateAsync(app, client, "Facet One", p => (p.Bio, p.Subjects, p.PrimaryLanguage, p.HourlyRate, p.StudentLevelsServed) =
            (marker, ["school-physics", "jee-main"], "te", new MoneyBody(45000, "INR"), ["school"]));
        await CreateAsync(app, client, "Facet Two", p => (p.Bio, p.Subjects, p.PrimaryLanguage, p.LanguagesSpoken, p.HourlyRate, p.State) =
            (marker, ["jee-main"], "hi", ["te"], new MoneyBody(120000, "INR"), "Rajasthan"));
        await CreateAsync(app, client, "Facet Three", p => (p.Bio, p.Subjects, p.HourlyRate, p.StudentLevelsServed, p.Country, p.State) =
            (marker, ["machine-learning"], new MoneyBody(5000, "USD"), ["school", "college"], "SG", "Singapore"));
        await CreateAsync(app, client, "Facet Four", p => (p.Bio, p.HourlyRate, p.StudentLevelsServed) = (marker, new MoneyBody(250000, "INR"), ["college"]));

        foreach (var filters in new[] { Q(marker), $"{Q(marker)}&language=te", $"{Q(marker)}&subject=jee-main&level=school", "minRating=4.5" })
        {
            var facets = await GetAsync(client, filters, path: "/api/v1/mentors/facets");
            async Task<int> Total(string narrowed) => (await GetAsync(client, narrowed + "&limit=1")).GetProperty("total").GetInt32();

            foreach (var (facet, parameter) in new[] { ("subjects", "subject"), ("languages", "language"), ("levels", "level"), ("states", "state") })
            {
                Assert.NotEqual(0, facets.GetProperty(facet).GetArrayLength());
                foreach (var choice in facets.GetProperty(facet).EnumerateArray())
                {
                    var value = choice.GetProperty("value").GetString()!;
                    var others = Without(filters, parameter, parameter == "state" ? "city" : parameter);
                    Assert.True(choice.GetProperty("count").GetInt32() == await Total($"{others}&{parameter}={Uri.EscapeDataString(value)}"),
                        $"{filters}: {facet} {value} counts {choice.GetProperty("count").GetInt32()}");
                }
            }

            // Rupee bands, every mentor in one of them at the reference rates (ADR 0023), each the total of its range.
            var bands = facets.GetProperty("priceBands").EnumerateArray().ToList();
            Assert.Equal(["under_500", "500_999", "1000_1999", "2000_plus"], bands.Select(b => b.GetProperty("value").GetString()));
            foreach (var band in bands)
            {
                var range = string.Concat(
                    band.GetProperty("minRate") is { ValueKind: JsonValueKind.Number } min ? $"&minRate={min.GetInt64()}" : "",
                    band.GetProperty("maxRate") is { ValueKind: JsonValueKind.Number } max ? $"&maxRate={max.GetInt64()}" : "");
                Assert.Equal(await Total($"{filters}&priceCurrency=INR{range}"), band.GetProperty("count").GetInt32());
            }

            Assert.Equal(await Total(filters), bands.Sum(b => b.GetProperty("count").GetInt32()));
        }
    }

    [Theory, AllProviders]
    public async Task Facets_ForAMarkerSearch_CountOnlyThoseMentors_NotHiddenOnes(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var marker = Marker();
        await CreateAsync(app, client, "Facet Visible", p => (p.Bio, p.Subjects, p.PrimaryLanguage) = (marker, ["kuchipudi"], "te"));
        await CreateAsync(app, client, "Facet Hidden", p => (p.Bio, p.Subjects, p.PrimaryLanguage) = (marker, ["kuchipudi", "veena"], "ta"),
            Gurukul.Features.Mentors.VerificationStatus.Pending);

        var facets = await GetAsync(client, Q(marker), path: "/api/v1/mentors/facets");

        Assert.Equal([("kuchipudi", 1)], facets.GetProperty("subjects").EnumerateArray().Select(s => (s.GetProperty("value").GetString(), s.GetProperty("count").GetInt32())));
        Assert.Equal("Kuchipudi", facets.GetProperty("subjects")[0].GetProperty("name").GetString());
        Assert.Equal([("te", 1)], facets.GetProperty("languages").EnumerateArray().Select(s => (s.GetProperty("value").GetString(), s.GetProperty("count").GetInt32())));
        Assert.Equal([("school", 1), ("college", 0)], facets.GetProperty("levels").EnumerateArray().Select(s => (s.GetProperty("value").GetString(), s.GetProperty("count").GetInt32())));
        Assert.Equal(1, facets.GetProperty("priceBands").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));
    }

    private static string Without(string query, params string[] names) =>
        string.Join('&', query.Split('&').Where(p => !names.Contains(p.Split('=')[0], StringComparer.Ordinal)));
}
