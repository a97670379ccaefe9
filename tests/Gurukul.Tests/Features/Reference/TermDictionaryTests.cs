using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Reference;

/// <summary>
/// The multilingual term dictionary (ADR 0022) through the API: names in the request's language, admins' edits to
/// names and synonyms that search understands at once, the missing-translations list, and refused edits.
/// </summary>
public sealed class TermDictionaryTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Admin = "/api/v1/admin/reference";

    [Theory, AllProviders]
    public async Task Taxonomy_IsNamedInTheRequestsLanguage_WithTheSameSlugs(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();

        var english = await SubjectsAsync(client, "/api/v1/subjects");
        var telugu = await SubjectsAsync(client, "/api/v1/subjects?lang=te");
        var hindi = await SubjectsAsync(client, "/api/v1/subjects", acceptLanguage: "hi-IN,hi;q=0.9");

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), telugu.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Physics (School)", english["school-physics"]);
        Assert.Equal("భౌతిక శాస్త్రం (పాఠశాల)", telugu["school-physics"]);
        Assert.Equal("भौतिक विज्ञान (स्कूल)", hindi["school-physics"]);
        var boards = await (await client.GetAsync("/api/v1/boards?lang=hi")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(boards.GetProperty("items").EnumerateArray(), b => b.GetProperty("code").GetString() == "cbse"
            && b.GetProperty("name").GetString() == "केंद्रीय माध्यमिक शिक्षा बोर्ड (सीबीएसई)");
        var languages = await (await client.GetAsync("/api/v1/languages?lang=te")).JsonAsync(HttpStatusCode.OK);
        var hindiLanguage = languages.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "hi");
        Assert.Equal("హిందీ", hindiLanguage.GetProperty("name").GetString());
        Assert.Equal("Hindi", hindiLanguage.GetProperty("englishName").GetString());

        // Cards and facets of a search speak the same language.
        var search = await (await client.GetAsync("/api/v1/mentors?q=priya&lang=te")).JsonAsync(HttpStatusCode.OK);
        var card = search.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("slug").GetString() == "priya-sharma");
        Assert.Contains(card.GetProperty("subjects").EnumerateArray(), s => s.GetProperty("slug").GetString() == "school-physics"
            && s.GetProperty("name").GetString() == "భౌతిక శాస్త్రం (పాఠశాల)");
        var profile = await (await client.GetAsync("/api/v1/mentors/priya-sharma?lang=hi")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(profile.GetProperty("subjects").EnumerateArray(), s => s.GetProperty("name").GetString() == "भौतिक विज्ञान (स्कूल)");
        Assert.Contains("గణితం (పాఠశాల)", await client.GetStringAsync("/mentors/priya-sharma?culture=te"), StringComparison.Ordinal);
        var facets = await (await client.GetAsync("/api/v1/mentors/facets?lang=hi")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(facets.GetProperty("languages").EnumerateArray(), l => l.GetProperty("value").GetString() == "te" && l.GetProperty("name").GetString() == "तेलुगु");
    }

    [Theory, AllProviders]
    public async Task SearchResults_SayWhyTheyMatched(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();

        var physics = await (await client.GetAsync("/api/v1/mentors?q=" + Uri.EscapeDataString("భౌతిక శాస్త్రం") + "&lang=te")).JsonAsync(HttpStatusCode.OK);
        var priya = physics.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("slug").GetString() == "priya-sharma");
        var reason = Assert.Single(priya.GetProperty("matches").EnumerateArray());
        Assert.Equal("subject", reason.GetProperty("kind").GetString());
        Assert.Equal("భౌతిక శాస్త్రం", reason.GetProperty("query").GetString());
        Assert.Equal("school-physics", reason.GetProperty("subject").GetString());
        Assert.Equal("భౌతిక శాస్త్రం (పాఠశాల)", reason.GetProperty("matched").GetString());

        var name = await (await client.GetAsync("/api/v1/mentors?q=" + Uri.EscapeDataString("प्रिया"))).JsonAsync(HttpStatusCode.OK);
        var transliterated = Assert.Single(name.GetProperty("items").EnumerateArray().Single().GetProperty("matches").EnumerateArray());
        Assert.Equal(("transliteration", "priya"), (transliterated.GetProperty("kind").GetString(), transliterated.GetProperty("matched").GetString()));

        var typo = await (await client.GetAsync("/api/v1/mentors?q=physcis")).JsonAsync(HttpStatusCode.OK);
        Assert.All(typo.GetProperty("items").EnumerateArray(), m => Assert.NotEmpty(m.GetProperty("matches").EnumerateArray()));
        var plain = await (await client.GetAsync("/api/v1/mentors?q=priya")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(plain.GetProperty("items")[0].GetProperty("matches").EnumerateArray());
    }

    [Theory, AllProviders]
    public async Task ATeluguNameAddedByAnAdmin_IsShownAndSearchedAtOnce_AndAudited(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        // A made-up word no dictionary or mentor has, so only the new term can find Harika, who teaches Kuchipudi.
        const string word = "నాట్యకళాగురుకులం";
        Assert.Equal(0, (await (await client.GetAsync($"/api/v1/mentors?q={Uri.EscapeDataString(word)}")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());

        var saved = await (await SendAsync(client, HttpMethod.Put, $"{Admin}/subjects/kuchipudi/terms/te",
            new { name = "కూచిపూడి నృత్యం", synonyms = new[] { word, " kuchipudi natyam ", word } }, admin)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("కూచిపూడి నృత్యం", saved.GetProperty("name").GetString());
        Assert.Equal([word, "kuchipudi natyam"], saved.GetProperty("synonyms").EnumerateArray().Select(s => s.GetString()));

        var found = await (await client.GetAsync($"/api/v1/mentors?q={Uri.EscapeDataString(word)}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["harika-chowdary"], found.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("slug").GetString()));
        Assert.Equal("subject", found.GetProperty("items")[0].GetProperty("matches")[0].GetProperty("kind").GetString());
        Assert.Equal("కూచిపూడి నృత్యం", (await SubjectsAsync(client, "/api/v1/subjects?lang=te"))["kuchipudi"]);
        var terms = await (await client.GetAsync($"{Admin}/subjects/kuchipudi/terms", admin)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Kuchipudi", terms.GetProperty("englishName").GetString());
        Assert.Contains(terms.GetProperty("languages").EnumerateArray(), l => l.GetProperty("language").GetString() == "te"
            && l.GetProperty("name").GetString() == "కూచిపూడి నృత్యం");
        var audit = await (await client.GetAsync("/api/v1/admin/audit?action=reference.updated&limit=100", admin)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("detail").GetString()?.StartsWith("terms of subjects kuchipudi in te", StringComparison.Ordinal) == true);
    }

    [Theory, AllProviders]
    public async Task MissingTranslations_ListEntriesWithoutANameInTheLanguage(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);

        var telugu = await (await client.GetAsync($"{Admin}/missing-translations?language=te", admin)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("te", telugu.GetProperty("language").GetString());
        Assert.True(telugu.GetProperty("entries").GetInt32() > 250);
        Assert.Empty(telugu.GetProperty("missing").EnumerateArray()); // the shipped dictionary names everything in Telugu

        var tamil = await (await client.GetAsync($"{Admin}/missing-translations?language=ta", admin)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(tamil.GetProperty("entries").GetInt32(), tamil.GetProperty("missing").GetArrayLength());
        Assert.Contains(tamil.GetProperty("missing").EnumerateArray(), m => m.GetProperty("kind").GetString() == "subjects" && m.GetProperty("key").GetString() == "school-physics");

        await (await SendAsync(client, HttpMethod.Put, $"{Admin}/subjects/school-physics/terms/ta", new { name = "இயற்பியல் (பள்ளி)", synonyms = new[] { "இயற்பியல்" } }, admin)).JsonAsync(HttpStatusCode.OK);
        var after = await (await client.GetAsync($"{Admin}/missing-translations?language=ta", admin)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(tamil.GetProperty("missing").GetArrayLength() - 1, after.GetProperty("missing").GetArrayLength());
        Assert.Contains("priya-sharma", (await (await client.GetAsync("/api/v1/mentors?q=" + Uri.EscapeDataString("இயற்பியல்"))).JsonAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(m => m.GetProperty("slug").GetString()));
    }

    [Theory, AllProviders]
    public async Task BadTermEdits_AreRefusedNamingTheField_AndOnlyAdminsMayEdit(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var (student, _) = await client.RegisterAsync(ApiClient.NewEmail("student"));

        async Task<JsonElement> Refused(string path, object body) => (await (await SendAsync(client, HttpMethod.Put, path, body, admin))
            .JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True((await Refused($"{Admin}/subjects/school-physics/terms/en", new { name = "Physics", synonyms = Array.Empty<string>() })).TryGetProperty("name", out _));
        Assert.True((await Refused($"{Admin}/subjects/school-physics/terms/hi", new { synonyms = new[] { "भौतिकी" } })).TryGetProperty("name", out _));
        Assert.True((await Refused($"{Admin}/subjects/school-physics/terms/xx", new { name = "x" })).TryGetProperty("language", out _));
        Assert.True((await Refused($"{Admin}/subjects/school-physics/terms/hi", new { name = "भौतिकी", synonyms = new[] { new string('क', 161) } })).TryGetProperty("synonyms[0]", out _));
        await (await SendAsync(client, HttpMethod.Put, $"{Admin}/planets/mars/terms/hi", new { name = "मंगल" }, admin)).JsonAsync(HttpStatusCode.NotFound);
        await (await SendAsync(client, HttpMethod.Put, $"{Admin}/subjects/no-such-subject/terms/hi", new { name = "कुछ" }, admin)).JsonAsync(HttpStatusCode.NotFound);
        await (await SendAsync(client, HttpMethod.Put, $"{Admin}/subjects/school-physics/terms/hi", new { name = "भौतिकी" }, student)).JsonAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"{Admin}/missing-translations")).JsonAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync($"{Admin}/missing-translations?language=en", admin)).JsonAsync(HttpStatusCode.BadRequest);
    }

    private static async Task<Dictionary<string, string>> SubjectsAsync(HttpClient client, string path, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var body = await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.OK);
        return body.GetProperty("items").EnumerateArray().SelectMany(c => c.GetProperty("subjects").EnumerateArray())
            .ToDictionary(s => s.GetProperty("slug").GetString()!, s => s.GetProperty("name").GetString()!);
    }

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string token)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
