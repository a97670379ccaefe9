using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Mentors;
using Gurukul.Tests.Infrastructure;
using Xunit;
using static Gurukul.Tests.Features.Discovery.SearchSetup;

namespace Gurukul.Tests.Features.Discovery;

/// <summary>GET /api/v1/mentors: each filter, free text with typos and in Indian scripts, and every order (API.md "Finding mentors").</summary>
public sealed class MentorSearchTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task EachFilter_ShowsExactlyTheMentorsItDescribes(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var marker = Marker();
        var telugu = await CreateAsync(app, client, "Filter Telugu", p =>
        {
            p.Bio = $"Physics for Telangana students. {marker}";
            p.Subjects = ["school-physics"];
            p.PrimaryLanguage = "te";
            p.LanguagesSpoken = ["en"];
            p.HourlyRate = new(40000, "INR");
            p.ExperienceYears = 3;
        }, rating: 4.8m, ratingCount: 20);
        var hindi = await CreateAsync(app, client, "Filter Hindi", p =>
        {
            p.Bio = $"Chemistry in Hindi and English. {marker}";
            p.Subjects = ["school-chemistry", "neet-ug"];
            p.PrimaryLanguage = "hi";
            p.LanguagesSpoken = ["en", "te"];
            p.StudentLevelsServed = ["college"];
            p.HourlyRate = new(150000, "INR");
            p.ExperienceYears = 15;
            p.City = "Kota";
            p.State = "Rajasthan";
        }, rating: 4.1m, ratingCount: 8);
        var abroad = await CreateAsync(app, client, "Filter Abroad", p =>
        {
            p.Bio = $"Data science from New Jersey. {marker}";
            p.Subjects = ["machine-learning"];
            p.StudentLevelsServed = ["school", "college"];
            p.HourlyRate = new(4000, "USD");
            p.ExperienceYears = 9;
            p.City = "Edison";
            p.State = "New Jersey";
            p.Country = "US";
        });

        async Task<List<string>> Found(string filters) => [.. Slugs(await GetAsync(client, $"{Q(marker)}&limit=100&{filters}")).Order(StringComparer.Ordinal)];
        List<string> Only(params MentorSetup.Mentor[] mentors) => [.. mentors.Select(m => m.Slug).Order(StringComparer.Ordinal)];

        Assert.Equal(Only(telugu, hindi, abroad), await Found(""));
        Assert.Equal(Only(telugu), await Found("subject=school-physics"));
        Assert.Equal(Only(hindi), await Found("subject=neet-ug"));
        Assert.Equal(Only(telugu, hindi), await Found("language=te"));
        Assert.Equal(Only(hindi), await Found("language=hi"));
        Assert.Equal(Only(telugu, abroad), await Found("level=school"));
        Assert.Equal(Only(hindi, abroad), await Found("level=COLLEGE"));
        Assert.Equal(Only(telugu), await Found("minRating=4.5"));
        Assert.Equal(Only(telugu, hindi), await Found("minRating=4"));
        Assert.Equal(Only(telugu, abroad), await Found("maxRate=40000"));
        Assert.Equal(Only(telugu, hindi), await Found("minRate=40000"));
        Assert.Equal(Only(telugu), await Found("minRate=40000&maxRate=40000"));
        Assert.Equal(Only(telugu, hindi), await Found("currency=inr"));
        Assert.Equal(Only(abroad), await Found("country=us"));
        Assert.Equal(Only(hindi), await Found("state=rajasthan"));
        Assert.Equal(Only(telugu), await Found("city=HYDERABAD"));
        Assert.Equal(Only(hindi, abroad), await Found("minExperience=9"));
        Assert.Equal(Only(hindi), await Found("language=te&level=college&country=IN"));
        // None of them has set availability, so no slot starts in any window (Scheduling.AvailabilitySearchTests covers the rest).
        Assert.Empty(await Found("availableFrom=2026-12-01&availableTo=2026-12-08T18:00:00Z"));
    }

    [Theory, AllProviders]
    public async Task Typos_FindTheMentorMeant_ByNameAndBySubject(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var marker = Marker();
        var physics = await CreateAsync(app, client, "Typo Physics Mentor", p =>
        {
            p.Subjects = ["school-physics"];
            p.Bio = $"Mechanics and optics for board exams. {marker}";
        });

        Assert.Contains(physics.Slug, Slugs(await GetAsync(client, Q($"phisics {marker}"))));
        var phisics = Slugs(await GetAsync(client, Q("phisics") + "&limit=100"));
        Assert.Contains(physics.Slug, phisics);
        Assert.Contains("srinivas-rao-kandula", phisics);
        Assert.DoesNotContain("meenakshi-ramanathan", phisics);
        var name = Slugs(await GetAsync(client, Q("Priya Sharmaa")));
        Assert.Equal("priya-sharma", name.First());
        Assert.Contains("priya-sharma", Slugs(await GetAsync(client, Q("Priyaa Sharma"))));
        Assert.Empty(Slugs(await GetAsync(client, Q($"qwzxv {marker}"))));
    }

    [Theory, AllProviders]
    public async Task TeluguAndHindiWords_FindTheMentorsWhoWroteThem(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var telugu = await CreateAsync(app, client, "Script Telugu", p => p.Headline = "భౌతిక శాస్త్రం తెలుగులో నేర్పిస్తాను");
        var hindi = await CreateAsync(app, client, "Script Hindi", p => p.Bio = "मैं रसायन विज्ञान हिंदी में पढ़ाती हूँ।");

        Assert.Contains(telugu.Slug, Slugs(await GetAsync(client, Q("శాస్త్రం"))));
        Assert.Contains(telugu.Slug, Slugs(await GetAsync(client, Q("భౌతిక శాస్త్ర"))));
        Assert.DoesNotContain(hindi.Slug, Slugs(await GetAsync(client, Q("శాస్త్రం"))));
        Assert.Contains(hindi.Slug, Slugs(await GetAsync(client, Q("रसायन"))));
        Assert.Contains(hindi.Slug, Slugs(await GetAsync(client, Q("विज्ञान हिंदी"))));
        Assert.DoesNotContain(telugu.Slug, Slugs(await GetAsync(client, Q("रसायन"))));
    }

    [Theory, AllProviders]
    public async Task EveryOrder_SortsAsItsNameSays(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var marker = Marker();
        var cheap = await CreateAsync(app, client, "Order Cheap", p => (p.Bio, p.HourlyRate, p.ExperienceYears) = (marker, new MoneyBody(30000, "INR"), 3), rating: 4.2m, ratingCount: 10);
        var dear = await CreateAsync(app, client, "Order Dear", p => (p.Bio, p.HourlyRate, p.ExperienceYears) = (marker, new MoneyBody(150000, "INR"), 20), rating: 4.9m, ratingCount: 5);
        var dollars = await CreateAsync(app, client, "Order Dollars", p => (p.Bio, p.HourlyRate, p.ExperienceYears) = (marker, new MoneyBody(4000, "USD"), 10), rating: 4.9m, ratingCount: 50);
        var fresh = await CreateAsync(app, client, "Order Fresh", p => (p.Bio, p.HourlyRate, p.ExperienceYears) = (marker, new MoneyBody(80000, "INR"), 7));

        async Task<List<string>> Sorted(string sort) => Slugs(await GetAsync(client, $"{Q(marker)}&sort={sort}"));

        Assert.Equal([dollars.Slug, dear.Slug, cheap.Slug, fresh.Slug], await Sorted("rating"));
        // Rupee rates first (the marketplace's currency), then other currencies: amounts in different currencies do not compare.
        Assert.Equal([cheap.Slug, fresh.Slug, dear.Slug, dollars.Slug], await Sorted("price_asc"));
        Assert.Equal([dear.Slug, fresh.Slug, cheap.Slug, dollars.Slug], await Sorted("price_desc"));
        Assert.Equal([dear.Slug, dollars.Slug, fresh.Slug, cheap.Slug], await Sorted("experience"));
        // Every mentor matches the marker in the same place (the bio): relevance ties, and rating decides.
        Assert.Equal(await Sorted("rating"), await Sorted("relevance"));
    }

    [Theory, AllProviders]
    public async Task Relevance_RanksANameMatchAboveSubjectsHeadlineAndBio(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var word = Marker();
        var inBio = await CreateAsync(app, client, "Rank Bio", p => p.Bio = $"My students call me {word}.", rating: 5m, ratingCount: 100);
        var inHeadline = await CreateAsync(app, client, "Rank Headline", p => p.Headline = $"The {word} method", rating: 4.5m, ratingCount: 50);
        var inExpertise = await CreateAsync(app, client, "Rank Expertise", p => p.ExpertiseAreas = [$"{word} drills"], rating: 4m, ratingCount: 20);
        var inName = await CreateAsync(app, client, $"Rank {word}", rating: 3m, ratingCount: 2);

        Assert.Equal([inName.Slug, inExpertise.Slug, inHeadline.Slug, inBio.Slug], Slugs(await GetAsync(client, Q(word))));
        Assert.Equal([inName.Slug, inExpertise.Slug, inHeadline.Slug, inBio.Slug], Slugs(await GetAsync(client, Q(word) + "&sort=relevance")));
        Assert.Equal([inBio.Slug, inHeadline.Slug, inExpertise.Slug, inName.Slug], Slugs(await GetAsync(client, Q(word) + "&sort=rating")));
    }

    [Theory, AllProviders]
    public async Task Cards_HaveTheMentorCardShape_AndOnlyVerifiedMentors(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();

        var page = await GetAsync(client, "limit=5");

        Assert.Equal(5, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() >= 40);
        var card = page.GetProperty("items")[0];
        foreach (var field in new[] { "id", "slug", "name", "headline", "photoUrl", "subjects", "primaryLanguage", "languagesSpoken", "hourlyRate",
            "ratingAverage", "ratingCount", "experienceYears", "city", "state", "country", "verified" })
        {
            Assert.True(card.TryGetProperty(field, out _), $"MentorCard field {field} is missing: {card}");
        }

        Assert.False(card.TryGetProperty("bio", out _));
        Assert.All(page.GetProperty("items").EnumerateArray(), m => Assert.True(m.GetProperty("verified").GetBoolean()));
        Assert.Equal(card.GetProperty("primaryLanguage").GetString(), card.GetProperty("languagesSpoken")[0].GetString());
    }
}
