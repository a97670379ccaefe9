using System.Net;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Reference;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Discovery;

/// <summary>
/// Forgiving places and prices (ADR 0023) through the API: city suggestions from GeoNames, the city filter by place,
/// prices converted at admin-maintained reference rates for orders, bands and cards.
/// </summary>
public sealed class PlacesAndPricesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task CitySuggestions_KnowCommonSpellingsAndIndianScripts(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();

        async Task<JsonElement> First(string typed) =>
            (await (await client.GetAsync($"/api/v1/places/cities?q={Uri.EscapeDataString(typed)}&limit=3")).JsonAsync(HttpStatusCode.OK)).GetProperty("items")[0];

        Assert.Equal(("Hyderabad", "Telangana"), Pair(await First("Hyder")));
        Assert.Equal(("Visakhapatnam", "Vizag"), (Name(await First("vizag")), (await First("vizag")).GetProperty("matched").GetString()));
        Assert.Equal("Mumbai", Name(await First("Bombay")));
        Assert.Equal("Bengaluru", Name(await First("Bangalore")));
        Assert.Equal("Hyderabad", Name(await First("హైదరా")));
        Assert.Equal("Lucknow", Name(await First("लखनऊ")));
        var body = await (await client.GetAsync("/api/v1/places/cities?q=Hyder")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains("GeoNames", body.GetProperty("attribution").GetString(), StringComparison.Ordinal);
        Assert.Empty((await (await client.GetAsync("/api/v1/places/cities?q=")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        // The page's datalist fragment offers the same, whatever the field is called.
        Assert.Contains("<option value=\"Hyderabad\">", await client.GetStringAsync("/places/city-options?Input.City=Hyder"), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task CityFilter_FindsMentorsByPlaceWhateverTheSpelling(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();

        async Task<List<string?>> In(string city) => [.. (await (await client.GetAsync($"/api/v1/mentors?city={Uri.EscapeDataString(city)}&limit=100"))
            .JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(m => m.GetProperty("slug").GetString())];

        Assert.Equal(["divya-sree-pallapothu"], await In("Vizag"));
        Assert.Equal(await In("Visakhapatnam"), await In("విశాఖపట్నం"));
        Assert.Equal(["anjali-verma"], await In("लखनऊ"));
        Assert.Equal((await In("Bengaluru")).Order(), (await In("bangalore")).Order());
        Assert.Equal(3, (await In("Bengaluru")).Count);
    }

    [Theory, AllProviders]
    public async Task Prices_AreComparedBandedAndShownInTheViewersCurrency_AtTheAdminsReferenceRate(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);

        var rates = await (await client.GetAsync("/api/v1/exchange-rates")).JsonAsync(HttpStatusCode.OK);
        var usd = rates.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("currency").GetString() == "USD");
        Assert.Equal("2025-01-01", usd.GetProperty("asOf").GetString());
        Assert.Equal(85.65m, usd.GetProperty("rupeesPerUnit").GetDecimal());

        // Vignesh charges $50, Ramya $40, Suresh AED 150: at the seeded rates ₹4,283, ₹3,426 and ₹3,498, dearer than everyone in rupees.
        Assert.Equal(["vignesh-ramasamy", "suresh-nair", "ramya-krishna-vemuri", "joel-d-souza"], await SlugsAsync(client, "sort=price_desc&limit=4"));
        var inDollars = await (await client.GetAsync("/api/v1/mentors?sort=price_desc&limit=4&priceCurrency=USD")).JsonAsync(HttpStatusCode.OK);
        var suresh = inDollars.GetProperty("items")[1];
        Assert.Equal((4084, "USD"), (suresh.GetProperty("convertedRate").GetProperty("amountMinor").GetInt64(), suresh.GetProperty("convertedRate").GetProperty("currency").GetString()));
        Assert.Equal("2025-01-01", suresh.GetProperty("convertedAsOf").GetString());
        Assert.Equal(JsonValueKind.Null, inDollars.GetProperty("items")[0].GetProperty("convertedRate").ValueKind); // Vignesh charges in dollars

        // Bands in dollars hold every mentor, each band the total of its range in dollars.
        var facets = await (await client.GetAsync("/api/v1/mentors/facets?priceCurrency=USD")).JsonAsync(HttpStatusCode.OK);
        var bands = facets.GetProperty("priceBands").EnumerateArray().ToList();
        Assert.Equal(["under_10", "10_19", "20_39", "40_plus"], bands.Select(b => b.GetProperty("value").GetString()));
        Assert.All(bands, b => Assert.Equal("USD", b.GetProperty("currency").GetString()));
        Assert.Equal(await TotalAsync(client, ""), bands.Sum(b => b.GetProperty("count").GetInt32()));
        Assert.Equal(await TotalAsync(client, "priceCurrency=USD&minRate=4000"), bands[^1].GetProperty("count").GetInt32());
        Assert.Equal(["ramya-krishna-vemuri", "suresh-nair", "vignesh-ramasamy"], (await SlugsAsync(client, "priceCurrency=USD&minRate=4000")).Order());
        // Without priceCurrency, minRate and maxRate are in each mentor's own units (API.md).
        Assert.Equal(["ramya-krishna-vemuri", "vignesh-ramasamy"], (await SlugsAsync(client, "currency=USD&minRate=4000&maxRate=5000")).Order());

        // The admin moves the dollar: orders and conversions follow at once.
        var set = await (await TermDictionaryTests.SendAsync(client, HttpMethod.Put, "/api/v1/admin/reference/exchange-rates/usd",
            new { rupeesPerUnit = 60m, asOf = "2026-11-30", source = "Test reference" }, admin)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("USD", "2026-11-30"), (set.GetProperty("currency").GetString(), set.GetProperty("asOf").GetString()));
        Assert.Equal(["suresh-nair", "vignesh-ramasamy", "joel-d-souza"], await SlugsAsync(client, "sort=price_desc&limit=3"));
        await (await TermDictionaryTests.SendAsync(client, HttpMethod.Put, "/api/v1/admin/reference/exchange-rates/USD",
            new { rupeesPerUnit = 85.65m, asOf = "2025-01-01", source = "Seed restored" }, admin)).JsonAsync(HttpStatusCode.OK);

        var refused = await (await TermDictionaryTests.SendAsync(client, HttpMethod.Put, "/api/v1/admin/reference/exchange-rates/USD",
            new { rupeesPerUnit = -1m, asOf = "2999-01-01", source = "" }, admin)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["asOf", "rupeesPerUnit", "source"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        await (await TermDictionaryTests.SendAsync(client, HttpMethod.Put, "/api/v1/admin/reference/exchange-rates/INR",
            new { rupeesPerUnit = 1m, asOf = "2025-01-01", source = "x" }, admin)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/mentors?priceCurrency=XYZ")).JsonAsync(HttpStatusCode.BadRequest);
    }

    private static async Task<List<string?>> SlugsAsync(HttpClient client, string query) =>
        [.. (await (await client.GetAsync($"/api/v1/mentors?{query}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(m => m.GetProperty("slug").GetString())];

    private static async Task<int> TotalAsync(HttpClient client, string query) =>
        (await (await client.GetAsync($"/api/v1/mentors?{query}&limit=1")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();

    private static string? Name(JsonElement city) => city.GetProperty("name").GetString();

    private static (string?, string?) Pair(JsonElement city) => (Name(city), city.GetProperty("state").GetString());
}
