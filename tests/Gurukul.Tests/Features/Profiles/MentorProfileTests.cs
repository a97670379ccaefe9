using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Profiles;

public sealed class MentorProfileTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static object Profile(string[]? subjects = null, long amountMinor = 90000, string currency = "INR") => new
    {
        headline = "JEE Physics mentor · IIT Madras alumnus",
        bio = "I teach mechanics by drawing it first. Eight years of helping Telugu-medium students switch to English-medium JEE material.",
        company = (string?)null,
        university = "IIT Madras",
        experienceYears = 8,
        expertiseAreas = new[] { "Rotational mechanics", "Exam strategy" },
        subjects = subjects ?? ["jee-main", "school-physics"],
        studentLevelsServed = new[] { "school" },
        hourlyRate = new { amountMinor, currency },
        primaryLanguage = "te",
        languagesSpoken = new[] { "en" },
        timezone = "Asia/Kolkata",
        city = "Vijayawada",
        state = "Andhra Pradesh",
        country = "IN",
    };

    [Theory, AllProviders]
    public async Task Put_NewMentor_SavesADraftWithAReadableUniqueSlug(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var (first, _) = await client.RegisterAsync(ApiClient.NewEmail(), role: "mentor");
        var (second, _) = await client.RegisterAsync(ApiClient.NewEmail(), role: "mentor");

        var saved = await (await PutAsync(client, first, Profile())).JsonAsync(HttpStatusCode.OK);
        var namesake = await (await PutAsync(client, second, Profile())).JsonAsync(HttpStatusCode.OK);
        var read = await (await client.GetAsync("/api/v1/me/mentor-profile", first)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("draft", saved.GetProperty("verificationStatus").GetString());
        Assert.StartsWith("asha-rao", saved.GetProperty("slug").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(saved.GetProperty("slug").GetString(), namesake.GetProperty("slug").GetString());
        Assert.Equal(90000, read.GetProperty("hourlyRate").GetProperty("amountMinor").GetInt64());
        Assert.Equal(["te", "en"], read.GetProperty("languagesSpoken").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["jee-main", "school-physics"], read.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory, AllProviders]
    public async Task Put_AgainWithChanges_ReplacesSubjectsAndRate_AndKeepsTheSlug(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail(), role: "mentor");
        var first = await (await PutAsync(client, token, Profile())).JsonAsync(HttpStatusCode.OK);

        var second = await (await PutAsync(client, token, Profile(["jee-main", "neet-ug"], 120000, "inr"))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("slug").GetString(), second.GetProperty("slug").GetString());
        Assert.Equal(["jee-main", "neet-ug"], second.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(120000, second.GetProperty("hourlyRate").GetProperty("amountMinor").GetInt64());
        Assert.Equal("INR", second.GetProperty("hourlyRate").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Put_WithBadValues_Returns400NamingEachField()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail(), role: "mentor");

        var response = await PutAsync(client, token, new
        {
            headline = "", bio = "Teaches", experienceYears = 51, subjects = new[] { "astrology-for-jee" },
            studentLevelsServed = new[] { "kindergarten" }, hourlyRate = new { amountMinor = -5, currency = "XYZ" },
            primaryLanguage = "te", languagesSpoken = new[] { "tlh" }, timezone = "Asia/Hyderabad", country = "ZZ",
        });

        var errors = (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "headline", "experienceYears", "subjects[0]", "studentLevelsServed", "hourlyRate.amountMinor", "hourlyRate.currency", "languagesSpoken[0]", "timezone", "country" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors should name {field}: {errors}");
        }
    }

    [Fact]
    public async Task MentorProfile_IsForMentors_StudentsGet403_AndGetBeforePutIs404()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (student, _) = await client.RegisterAsync(ApiClient.NewEmail());
        var (mentor, _) = await client.RegisterAsync(ApiClient.NewEmail(), role: "mentor");

        await (await PutAsync(client, student, Profile())).JsonAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/api/v1/me/mentor-profile", mentor)).JsonAsync(HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string token, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/mentor-profile") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
