using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Profiles;

public sealed class StudentProfileTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    internal static object SchoolProfile(int classGrade = 9, string[]? subjects = null, string board = "bseap", string? stream = null) => new
    {
        academicLevel = "school",
        school = new { schoolName = "ZP High School, Gudivada", board, classGrade, stream, subjects = subjects ?? ["school-mathematics", "school-physics", "school-telugu"] },
        primaryLanguage = "te",
        languagesSpoken = new[] { "en", "hi" },
        fieldOfStudy = "Science",
        careerGoals = new[] { "Engineering", "IIT" },
        interests = new[] { "Cricket" },
        challenges = new[] { "English speaking" },
        city = "Gudivada",
        state = "Andhra Pradesh",
        country = "IN",
        timezone = "Asia/Kolkata",
    };

    [Theory, AllProviders]
    public async Task Put_SchoolStudent_SavesTheProfile_AndGetReturnsIt(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());

        var saved = await (await PutAsync(client, token, SchoolProfile())).JsonAsync(HttpStatusCode.OK);
        var read = await (await client.GetAsync("/api/v1/me/student-profile", token)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("school", read.GetProperty("academicLevel").GetString());
        Assert.Equal(9, read.GetProperty("school").GetProperty("classGrade").GetInt32());
        Assert.Equal(3, read.GetProperty("school").GetProperty("subjects").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("college").ValueKind);
        // The primary language is always among the languages spoken.
        Assert.Equal(["te", "en", "hi"], read.GetProperty("languagesSpoken").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(saved.GetProperty("id").GetString(), read.GetProperty("id").GetString());
    }

    [Theory, AllProviders]
    public async Task Put_BoardMustBeAKnownBoardCode_StoredInLowercase(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());

        var freeText = await (await PutAsync(client, token, SchoolProfile(board: "AP SSC"))).JsonAsync(HttpStatusCode.BadRequest);
        var saved = await (await PutAsync(client, token, SchoolProfile(board: " BSEAP "))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(["school.board"], freeText.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("bseap", saved.GetProperty("school").GetProperty("board").GetString());
    }

    [Fact]
    public async Task Put_WithAnOldTimeZoneAlias_KeepsTheZonesCurrentName()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());
        var body = JsonSerializer.SerializeToElement(SchoolProfile(), JsonSerializerOptions.Web);
        var request = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body.GetRawText())!;
        request["timezone"] = JsonSerializer.SerializeToElement("Asia/Calcutta");

        var saved = await (await PutAsync(client, token, request)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Asia/Kolkata", saved.GetProperty("timezone").GetString());
    }

    [Fact]
    public async Task Put_StreamBeforeClass11_Returns400NamingIt_AndClass11MayHaveOne()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());

        var tooEarly = await (await PutAsync(client, token, SchoolProfile(classGrade: 9, stream: "Science (MPC)"))).JsonAsync(HttpStatusCode.BadRequest);
        var senior = await (await PutAsync(client, token, SchoolProfile(classGrade: 11, stream: "Science (MPC)"))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(["school.stream"], tooEarly.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("Science (MPC)", senior.GetProperty("school").GetProperty("stream").GetString());
    }

    [Theory, AllProviders]
    public async Task Put_CollegeAfterSchool_ReplacesTheSchoolDetails(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());
        await (await PutAsync(client, token, SchoolProfile())).JsonAsync(HttpStatusCode.OK);

        var college = await (await PutAsync(client, token, new
        {
            academicLevel = "college",
            college = new { universityName = "Osmania University", degreeType = "B.Tech", major = "Computer Science", minor = (string?)null, semester = 3, cgpa = 8.45m },
            primaryLanguage = "te", languagesSpoken = Array.Empty<string>(), fieldOfStudy = "Engineering",
            careerGoals = Array.Empty<string>(), interests = Array.Empty<string>(), challenges = Array.Empty<string>(),
            city = "Hyderabad", state = "Telangana", country = "IN", timezone = "Asia/Kolkata",
        })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("college", college.GetProperty("academicLevel").GetString());
        Assert.Equal(8.45m, college.GetProperty("college").GetProperty("cgpa").GetDecimal());
        Assert.Equal(JsonValueKind.Null, college.GetProperty("school").ValueKind);
    }

    [Fact]
    public async Task Put_WithOutOfRangeValues_Returns400NamingEachField()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());

        var response = await PutAsync(client, token, new
        {
            academicLevel = "school",
            school = new { schoolName = "", board = "cbse", classGrade = 13, subjects = new[] { "school-mathematics", "underwater-basket-weaving" } },
            primaryLanguage = "xx", languagesSpoken = new[] { "te", "klingon" }, fieldOfStudy = "Science",
            city = "Pune", state = "Maharashtra", country = "India", timezone = "Mars/Olympus",
        });

        var errors = (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "school.schoolName", "school.classGrade", "school.subjects", "school.subjects[1]", "primaryLanguage", "languagesSpoken[1]", "country", "timezone" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors should name {field}: {errors}");
        }
    }

    [Fact]
    public async Task Put_CollegeWithoutDetails_AndCgpaOutOfRange_Returns400()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());

        var missing = await PutAsync(client, token, new { academicLevel = "college", primaryLanguage = "hi", fieldOfStudy = "Commerce", city = "Patna", state = "Bihar", country = "IN", timezone = "Asia/Kolkata" });
        var outOfRange = await PutAsync(client, token, new
        {
            academicLevel = "college",
            college = new { universityName = "Patna University", degreeType = "B.Com", major = "Accounts", semester = 11, cgpa = 10.5m },
            primaryLanguage = "hi", fieldOfStudy = "Commerce", city = "Patna", state = "Bihar", country = "IN", timezone = "Asia/Kolkata",
        });

        Assert.True((await missing.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("college", out _));
        var errors = (await outOfRange.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("college.semester", out _));
        Assert.True(errors.TryGetProperty("college.cgpa", out _));
    }

    [Fact]
    public async Task Put_WithAWrongJsonType_Returns400NamingThePath()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/student-profile")
        {
            Content = new StringContent("""{"academicLevel":"school","school":{"classGrade":"ninth"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var errors = (await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");

        Assert.True(errors.TryGetProperty("school.classGrade", out _), errors.ToString());
    }

    [Fact]
    public async Task Get_BeforeTheFirstPut_Returns404()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (token, _) = await client.RegisterAsync(ApiClient.NewEmail());

        await (await client.GetAsync("/api/v1/me/student-profile", token)).JsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StudentProfile_IsForStudents_MentorsGet403_AnonymousGet401()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var (mentor, _) = await client.RegisterAsync(ApiClient.NewEmail(), role: "mentor");

        await (await PutAsync(client, mentor, SchoolProfile())).JsonAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync(new Uri("/api/v1/me/student-profile", UriKind.Relative))).JsonAsync(HttpStatusCode.Unauthorized);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string token, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/student-profile") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
