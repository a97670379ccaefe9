using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Reference;

/// <summary>Admins edit languages, subjects and boards through the API; the public lists show each edit at once.</summary>
public sealed class ReferenceAdministrationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Admin = "/api/v1/admin/reference";

    [Theory, AllProviders]
    public async Task Language_AddedRenamedAndDeleted_ShowsInThePublicListAtEachStep_AndIsAudited(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, adminId) = await app.StaffTokenAsync(client);
        var code = UniqueLetters("tc");

        var created = await SendAsync(client, HttpMethod.Post, $"{Admin}/languages", new { code = code.ToUpperInvariant() + " ", englishName = " Tulu ", nativeName = "ತುಳು" }, admin);
        var body = await created.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"{Admin}/languages/{code}", created.Headers.Location?.OriginalString);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal("Tulu", body.GetProperty("englishName").GetString());
        Assert.False(body.GetProperty("scheduled").GetBoolean());
        Assert.Equal("ತುಳು", (await PublicLanguageAsync(client, code))?.GetProperty("nativeName").GetString());

        var updated = await (await SendAsync(client, HttpMethod.Put, $"{Admin}/languages/{code}",
            new { code, englishName = "Tulu (Karnataka)", nativeName = "ತುಳು", scheduled = true }, admin)).JsonAsync(HttpStatusCode.OK);
        Assert.True(updated.GetProperty("scheduled").GetBoolean());
        Assert.Equal("Tulu (Karnataka)", (await PublicLanguageAsync(client, code))?.GetProperty("englishName").GetString());
        // Left out of a PUT, the scheduled flag stays as it was.
        await (await SendAsync(client, HttpMethod.Put, $"{Admin}/languages/{code}", new { englishName = "Tulu", nativeName = "ತುಳು" }, admin)).JsonAsync(HttpStatusCode.OK);
        Assert.True((await (await client.GetAsync($"{Admin}/languages/{code}", admin)).JsonAsync(HttpStatusCode.OK)).GetProperty("scheduled").GetBoolean());

        await (await SendAsync(client, HttpMethod.Delete, $"{Admin}/languages/{code}", null, admin)).JsonAsync(HttpStatusCode.NoContent);
        Assert.Null(await PublicLanguageAsync(client, code));
        await (await client.GetAsync($"{Admin}/languages/{code}", admin)).JsonAsync(HttpStatusCode.NotFound);

        var audit = await AuditAsync(client, admin, code);
        Assert.Equal(["reference.deleted", "reference.updated", "reference.updated", "reference.created"], audit.Select(e => e.GetProperty("action").GetString()));
        Assert.All(audit, e => Assert.Equal(adminId, e.GetProperty("actorUserId").GetString()));
        Assert.Contains("englishName \"Tulu\" → \"Tulu (Karnataka)\"", audit[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("scheduled no → yes", audit[2].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task SubjectAndCategory_AddedMovedAndDeleted_ShowInThePublicTaxonomy(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var category = "olympiads-" + UniqueLetters("x");
        var subject = "physics-olympiad-" + UniqueLetters("x");

        var createdCategory = await SendAsync(client, HttpMethod.Post, $"{Admin}/subject-categories", new { slug = category, name = "Olympiads" }, admin);
        Assert.Equal($"{Admin}/subject-categories/{category}", createdCategory.Headers.Location?.OriginalString);
        await createdCategory.JsonAsync(HttpStatusCode.Created);
        var createdSubject = await SendAsync(client, HttpMethod.Post, $"{Admin}/subjects", new { slug = subject, name = "Physics Olympiad (NSEP / INPhO)", category }, admin);
        Assert.Equal($"{Admin}/subjects/{subject}", createdSubject.Headers.Location?.OriginalString);
        await createdSubject.JsonAsync(HttpStatusCode.Created);

        var taxonomy = await PublicListAsync(client, "/api/v1/subjects");
        // Without a sort order, a new category goes last.
        Assert.Equal(category, taxonomy[^1].GetProperty("slug").GetString());
        Assert.Equal("Physics Olympiad (NSEP / INPhO)", Assert.Single(taxonomy[^1].GetProperty("subjects").EnumerateArray()).GetProperty("name").GetString());
        var notEmpty = await (await SendAsync(client, HttpMethod.Delete, $"{Admin}/subject-categories/{category}", null, admin)).JsonAsync(HttpStatusCode.Conflict);
        Assert.Equal("Olympiads still has subjects (1). Move or delete them first.", notEmpty.GetProperty("detail").GetString());

        var moved = await (await SendAsync(client, HttpMethod.Put, $"{Admin}/subjects/{subject}", new { name = "Physics Olympiad", category = "school-subjects" }, admin))
            .JsonAsync(HttpStatusCode.OK);
        await (await SendAsync(client, HttpMethod.Put, $"{Admin}/subject-categories/{category}", new { name = "Olympiads & Contests", sortOrder = 0 }, admin))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal("school-subjects", moved.GetProperty("category").GetString());
        taxonomy = await PublicListAsync(client, "/api/v1/subjects");
        Assert.Contains(taxonomy.Single(c => c.GetProperty("slug").GetString() == "school-subjects").GetProperty("subjects").EnumerateArray(),
            s => s.GetProperty("slug").GetString() == subject && s.GetProperty("name").GetString() == "Physics Olympiad");
        Assert.Equal("Olympiads & Contests", taxonomy.Single(c => c.GetProperty("slug").GetString() == category).GetProperty("name").GetString());
        await (await SendAsync(client, HttpMethod.Delete, $"{Admin}/subject-categories/{category}", null, admin)).JsonAsync(HttpStatusCode.NoContent);
        await (await SendAsync(client, HttpMethod.Delete, $"{Admin}/subjects/{subject}", null, admin)).JsonAsync(HttpStatusCode.NoContent);
        taxonomy = await PublicListAsync(client, "/api/v1/subjects");
        Assert.DoesNotContain(taxonomy, c => c.GetProperty("slug").GetString() == category);
        Assert.DoesNotContain(taxonomy.SelectMany(c => c.GetProperty("subjects").EnumerateArray()), s => s.GetProperty("slug").GetString() == subject);
        Assert.Equal(["reference.deleted", "reference.deleted", "reference.updated", "reference.updated", "reference.created", "reference.created"],
            (await AuditAsync(client, admin, subject, category)).Select(e => e.GetProperty("action").GetString()));
    }

    [Theory, AllProviders]
    public async Task Board_AddedRenamedAndDeleted_ShowsInThePublicBoardList(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var code = "bse-" + UniqueLetters("x");

        var created = await (await SendAsync(client, HttpMethod.Post, $"{Admin}/boards", new { code, name = "Board of School Education", state = "Sikkim", sortOrder = 2 }, admin))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, created.GetProperty("sortOrder").GetInt32());
        var listed = (await PublicListAsync(client, "/api/v1/boards")).Single(b => b.GetProperty("code").GetString() == code);
        Assert.Equal("Sikkim", listed.GetProperty("state").GetString());

        var renamed = await (await SendAsync(client, HttpMethod.Put, $"{Admin}/boards/{code}", new { name = "Sikkim Board of School Education", state = "" }, admin))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, renamed.GetProperty("sortOrder").GetInt32());
        listed = (await PublicListAsync(client, "/api/v1/boards")).Single(b => b.GetProperty("code").GetString() == code);
        Assert.Equal("Sikkim Board of School Education", listed.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("state").ValueKind);
        await (await SendAsync(client, HttpMethod.Delete, $"{Admin}/boards/{code}", null, admin)).JsonAsync(HttpStatusCode.NoContent);
        Assert.DoesNotContain(await PublicListAsync(client, "/api/v1/boards"), b => b.GetProperty("code").GetString() == code);
        var audit = await AuditAsync(client, admin, code);
        Assert.Contains("name \"Board of School Education\" → \"Sikkim Board of School Education\"; state \"Sikkim\" → none", audit[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task BadInput_Returns400NamingEachField(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);

        var language = await ErrorsAsync(await SendAsync(client, HttpMethod.Post, $"{Admin}/languages", new { code = "t3", englishName = " ", nativeName = new string('x', 65) }, admin));
        var subject = await ErrorsAsync(await SendAsync(client, HttpMethod.Post, $"{Admin}/subjects", new { slug = "Bad Slug!", name = "Rocketry", category = "no-such-category" }, admin));
        var category = await ErrorsAsync(await SendAsync(client, HttpMethod.Post, $"{Admin}/subject-categories", new { slug = "a--b", name = "Rocketry", sortOrder = 10000 }, admin));
        var board = await ErrorsAsync(await SendAsync(client, HttpMethod.Put, $"{Admin}/boards/cbse", new { code = "cbse2", name = "CBSE", state = new string('s', 81), sortOrder = -1 }, admin));
        var notANumber = await ErrorsAsync(await SendRawAsync(client, HttpMethod.Post, $"{Admin}/boards", """{ "code": "xyz", "name": "X", "sortOrder": "first" }""", admin));

        Assert.Equal(["code", "englishName", "nativeName"], language);
        Assert.Equal(["category", "slug"], subject);
        Assert.Equal(["slug", "sortOrder"], category);
        Assert.Equal(["code", "sortOrder", "state"], board);
        Assert.Equal(["sortOrder"], notANumber);
        var unchanged = await (await client.GetAsync($"{Admin}/boards/cbse", admin)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Central Board of Secondary Education (CBSE)", unchanged.GetProperty("name").GetString());
    }

    [Theory, AllProviders]
    public async Task ExistingCodeOrSlug_Returns409_AndUnknownOnes404(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);

        await (await SendAsync(client, HttpMethod.Post, $"{Admin}/languages", new { code = "te", englishName = "Telugu", nativeName = "తెలుగు" }, admin)).JsonAsync(HttpStatusCode.Conflict);
        await (await SendAsync(client, HttpMethod.Post, $"{Admin}/subjects", new { slug = "jee-main", name = "JEE", category = "entrance-exams" }, admin)).JsonAsync(HttpStatusCode.Conflict);
        await (await SendAsync(client, HttpMethod.Post, $"{Admin}/subject-categories", new { slug = "law", name = "Law" }, admin)).JsonAsync(HttpStatusCode.Conflict);
        var board = await (await SendAsync(client, HttpMethod.Post, $"{Admin}/boards", new { code = "CBSE", name = "CBSE again" }, admin)).JsonAsync(HttpStatusCode.Conflict);

        Assert.Contains("cbse", board.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await SendAsync(client, HttpMethod.Put, $"{Admin}/languages/xx", new { englishName = "X", nativeName = "X" }, admin)).JsonAsync(HttpStatusCode.NotFound);
        await (await SendAsync(client, HttpMethod.Delete, $"{Admin}/subjects/no-such-subject", null, admin)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Admin}/subject-categories/no-such-category", admin)).JsonAsync(HttpStatusCode.NotFound);
        await (await SendAsync(client, HttpMethod.Delete, $"{Admin}/boards/no-such-board", null, admin)).JsonAsync(HttpStatusCode.NotFound);
    }

    [Theory, AllProviders]
    public async Task CodesInUseByProfiles_CannotBeDeleted(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (admin, _) = await app.StaffTokenAsync(client);
        var language = UniqueLetters("zq");
        var subject = "vedic-maths-" + UniqueLetters("x");
        var board = "board-" + UniqueLetters("x");
        await (await SendAsync(client, HttpMethod.Post, $"{Admin}/languages", new { code = language, englishName = "Test language", nativeName = "Test" }, admin)).JsonAsync(HttpStatusCode.Created);
        await (await SendAsync(client, HttpMethod.Post, $"{Admin}/subjects", new { slug = subject, name = "Vedic Maths", category = "school-subjects" }, admin)).JsonAsync(HttpStatusCode.Created);
        await (await SendAsync(client, HttpMethod.Post, $"{Admin}/boards", new { code = board, name = "Test Board", state = "Goa" }, admin)).JsonAsync(HttpStatusCode.Created);
        var (student, _) = await client.RegisterAsync(ApiClient.NewEmail());
        var (mentor, _) = await client.RegisterAsync(ApiClient.NewEmail(), role: "mentor");
        await (await SendAsync(client, HttpMethod.Put, "/api/v1/me/student-profile", StudentProfile(language, subject, board), student)).JsonAsync(HttpStatusCode.OK);
        await (await SendAsync(client, HttpMethod.Put, "/api/v1/me/mentor-profile", MentorProfile(language, subject), mentor)).JsonAsync(HttpStatusCode.OK);

        var languageInUse = await (await SendAsync(client, HttpMethod.Delete, $"{Admin}/languages/{language}", null, admin)).JsonAsync(HttpStatusCode.Conflict);
        var subjectInUse = await (await SendAsync(client, HttpMethod.Delete, $"{Admin}/subjects/{subject}", null, admin)).JsonAsync(HttpStatusCode.Conflict);
        var boardInUse = await (await SendAsync(client, HttpMethod.Delete, $"{Admin}/boards/{board}", null, admin)).JsonAsync(HttpStatusCode.Conflict);

        // One student and one mentor use the language and the subject; only students have boards.
        Assert.Contains("is in use (profiles using it: 2)", languageInUse.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("is in use (profiles using it: 2)", subjectInUse.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("is in use (student profiles using it: 1)", boardInUse.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(await PublicLanguageAsync(client, language));
        Assert.DoesNotContain(await AuditAsync(client, admin, language, subject, board), e => e.GetProperty("action").GetString() == "reference.deleted");
    }

    [Fact]
    public async Task SeedData_CoversTheLanguagesBoardsAndTaxonomyTheIssueAsksFor()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();

        var languages = await PublicListAsync(client, "/api/v1/languages");
        var categories = await PublicListAsync(client, "/api/v1/subjects");
        var boards = await PublicListAsync(client, "/api/v1/boards");

        Assert.Equal(22, languages.Count(l => l.GetProperty("scheduled").GetBoolean()));
        Assert.True(languages.Count(l => !l.GetProperty("scheduled").GetBoolean()) >= 6, "English and major world languages");
        Assert.True(categories.Count >= 12, $"{categories.Count} categories");
        var slugsByCategory = categories.ToDictionary(
            c => c.GetProperty("slug").GetString()!, c => c.GetProperty("subjects").EnumerateArray().Select(s => s.GetProperty("slug").GetString()).ToList());
        Assert.Contains("school-mathematics", slugsByCategory["school-subjects"]);
        Assert.Contains("school-history", slugsByCategory["school-subjects"]);
        Assert.Superset(new HashSet<string?> { "jee-main", "jee-advanced", "neet-ug", "ts-eapcet" }, slugsByCategory["entrance-exams"].ToHashSet());
        Assert.Superset(new HashSet<string?> { "cbse-class-12", "telangana-ssc", "ap-intermediate" }, slugsByCategory["board-exams"].ToHashSet());
        Assert.Contains("career-guidance", slugsByCategory["careers-study-skills"]);
        Assert.Contains("python-programming", slugsByCategory["programming"]);
        Assert.Contains("drawing-and-sketching", slugsByCategory["design-arts"]);
        Assert.Contains("bharatanatyam", slugsByCategory["music-performing-arts"]);
        Assert.Contains(boards, b => b.GetProperty("code").GetString() == "cbse" && b.GetProperty("state").ValueKind == JsonValueKind.Null);
        Assert.True(boards.Count(b => b.GetProperty("state").ValueKind == JsonValueKind.String) >= 20, "state boards");
    }

    private static object StudentProfile(string language, string subject, string board) => new
    {
        academicLevel = "school",
        school = new { schoolName = "Government High School, Panaji", board, classGrade = 8, subjects = new[] { subject, "school-mathematics", "school-english" } },
        primaryLanguage = language,
        languagesSpoken = new[] { "en" },
        fieldOfStudy = "Science",
        city = "Panaji",
        state = "Goa",
        country = "IN",
        timezone = "Asia/Kolkata",
    };

    private static object MentorProfile(string language, string subject) => new
    {
        headline = "Vedic maths for faster mental arithmetic",
        bio = "Twelve years of teaching shortcuts that make board-exam arithmetic quick and sure.",
        experienceYears = 12,
        expertiseAreas = new[] { "Mental arithmetic" },
        subjects = new[] { subject },
        studentLevelsServed = new[] { "school" },
        hourlyRate = new { amountMinor = 50000, currency = "INR" },
        primaryLanguage = "en",
        languagesSpoken = new[] { language },
        timezone = "Asia/Kolkata",
        country = "IN",
    };

    /// <summary>Letters only (language codes allow nothing else), unique per call: tests share one database per provider.</summary>
    private static string UniqueLetters(string prefix) =>
        prefix + new string([.. Guid.NewGuid().ToByteArray().Take(6).Select(b => (char)('a' + (b % 26)))]);

    private static async Task<JsonElement?> PublicLanguageAsync(HttpClient client, string code) =>
        (await PublicListAsync(client, "/api/v1/languages")).Cast<JsonElement?>().SingleOrDefault(l => l!.Value.GetProperty("code").GetString() == code);

    private static async Task<List<JsonElement>> PublicListAsync(HttpClient client, string path) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative))).GetProperty("items").EnumerateArray()];

    /// <summary>Reference-data audit events (newest first) whose detail mentions any of <paramref name="keys"/>.</summary>
    private static async Task<List<JsonElement>> AuditAsync(HttpClient client, string admin, params string[] keys)
    {
        var events = new List<JsonElement>();
        foreach (var action in new[] { "reference.created", "reference.updated", "reference.deleted" })
        {
            var page = await (await client.GetAsync($"/api/v1/admin/audit?action={action}&limit=100", admin)).JsonAsync(HttpStatusCode.OK);
            events.AddRange(page.GetProperty("items").EnumerateArray().Where(e => keys.Any(k => e.GetProperty("detail").GetString()!.Contains(k, StringComparison.Ordinal))));
        }

        // Ids are version-7 GUIDs: their order is their time order.
        return [.. events.OrderByDescending(e => e.GetProperty("id").GetString(), StringComparer.Ordinal)];
    }

    private static async Task<string[]> ErrorsAsync(HttpResponseMessage response) =>
        [.. (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string token) =>
        SendRawAsync(client, method, path, body is null ? null : JsonSerializer.Serialize(body), token);

    private static async Task<HttpResponseMessage> SendRawAsync(HttpClient client, HttpMethod method, string path, string? json, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
