using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Mentors;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Gurukul.Tests.Features.Discovery.SearchSetup;

namespace Gurukul.Tests.Features.Discovery;

/// <summary>The search index (migration 0007) follows every change that alters what a mentor is found by, and who may be found.</summary>
public sealed class SearchIndexTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Index_FollowsRenamesProfileEditsAndSubjectChanges(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (oldName, newName, headline, subjectWord) = (Marker(), Marker(), Marker(), Marker());
        var body = new ProfileBody { Subjects = ["school-chemistry"] };
        var mentor = await CreateAsync(app, client, $"Indexed {oldName}", p => p.Subjects = body.Subjects);
        async Task<bool> Found(string text) => Slugs(await GetAsync(client, Q(text))).Contains(mentor.Slug);
        Assert.True(await Found(oldName));

        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
            var user = await users.FindByIdAsync(await db.MentorProfiles.Where(m => m.Id == mentor.Id).Select(m => m.UserId).SingleAsync());
            user!.Name = $"Indexed {newName}";
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        Assert.True(await Found(newName));
        Assert.False(await Found(oldName));

        body.Headline = $"The {headline} way to balance equations";
        await (await PutProfileAsync(client, mentor.Token, body)).JsonAsync(HttpStatusCode.OK);
        Assert.True(await Found(headline));
        Assert.True(await Found($"{newName} {headline}"));

        var (admin, _) = await app.StaffTokenAsync(client);
        var subject = "idx-" + subjectWord;
        await (await Send(client, HttpMethod.Post, "/api/v1/admin/reference/subjects", new { slug = subject, name = "Applied Rhetoric", category = "school-subjects" }, admin))
            .JsonAsync(HttpStatusCode.Created);
        body.Subjects = [subject];
        await (await PutProfileAsync(client, mentor.Token, body)).JsonAsync(HttpStatusCode.OK);
        Assert.True(await Found($"rhetoric {newName}"));
        Assert.False(await Found($"chemistry {newName}"));

        await (await Send(client, HttpMethod.Put, $"/api/v1/admin/reference/subjects/{subject}", new { name = $"Rhetoric {subjectWord}", category = "school-subjects" }, admin))
            .JsonAsync(HttpStatusCode.OK);
        Assert.True(await Found(subjectWord));
        Assert.False(await Found($"applied {newName}"));
    }

    [Theory, AllProviders]
    public async Task OnlyApprovedActiveMentors_AreEverFound_AndApprovalOrSuspensionTakesEffectAtOnce(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var marker = Marker();
        var hidden = new List<MentorSetup.Mentor>();
        foreach (var status in Enum.GetValues<VerificationStatus>().Where(s => s != VerificationStatus.Approved))
        {
            hidden.Add(await CreateAsync(app, client, $"Hidden {status}", p => p.Bio = marker, status));
        }

        hidden.Add(await CreateAsync(app, client, "Hidden Paused", p => p.Bio = marker, VerificationStatus.Approved, active: false));
        var everyone = await AllSlugsAsync(client, "sort=price_asc");

        Assert.Equal(0, (await GetAsync(client, Q(marker))).GetProperty("total").GetInt32());
        Assert.All(hidden, m => Assert.DoesNotContain(m.Slug, everyone));
        var facets = await GetAsync(client, Q(marker), path: "/api/v1/mentors/facets");
        Assert.Equal(0, facets.GetProperty("levels").EnumerateArray().Sum(l => l.GetProperty("count").GetInt32()));

        var applicant = hidden[1];
        await MentorSetup.MoveToAsync(app, applicant.Id, VerificationStatus.Approved);
        Assert.Equal([applicant.Slug], Slugs(await GetAsync(client, Q(marker))));
        await MentorSetup.MoveToAsync(app, applicant.Id, VerificationStatus.Suspended, active: true);
        Assert.Empty(Slugs(await GetAsync(client, Q(marker))));
    }

    [Theory, AllProviders]
    public async Task Migration0007_IndexesTheMentorsThatExistedBeforeIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var marker = Marker();
        await using (var connection = Open(database))
        {
            await connection.OpenAsync();
            foreach (var migration in SchemaMigrator.All(provider).Where(m => string.CompareOrdinal(m.Id, "0007") < 0))
            {
                await ExecuteAsync(connection, migration.Sql);
            }

            await ExecuteAsync(connection, provider == DatabaseProvider.Sqlite ? ExistingMentorSqlite(marker) : ExistingMentorPostgres(marker));
        }

        await using var app = new GurukulApp(database, ownsDatabase: false);
        var found = await GetAsync(app.CreateClient(), Q($"{marker} physics"));

        Assert.Equal(["existing-mentor"], Slugs(found));
        Assert.Equal("Existing Mentor", found.GetProperty("items")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task BundledSqlite_HasFts5WithTheTrigramTokenizer_ForAnyScript()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE VIRTUAL TABLE probe USING fts5(text, tokenize = 'trigram');
            INSERT INTO probe (text) VALUES ('భౌతిక శాస్త్రం నేర్పిస్తాను'), ('Physics for JEE');
            SELECT sqlite_version() || '|' || (SELECT group_concat(rowid) FROM probe WHERE probe MATCH '"శాస్త్ర"') || '|'
                || (SELECT group_concat(rowid) FROM probe WHERE probe MATCH '"PHYSIC"');
            """;
        var answer = ((string)(await command.ExecuteScalarAsync())!).Split('|');

        // The trigram tokenizer arrived in SQLite 3.34; the bundle pinned in ADR 0003 brings its own SQLite.
        Assert.True(Version.Parse(answer[0]) >= new Version(3, 34), $"SQLite {answer[0]}");
        Assert.Equal(["1", "2"], answer[1..]);
    }

    [Theory, AllProviders]
    public async Task TextIndexes_AreWhatTheMigrationMade_TrigramFts5OrPgTrgmOwnedByTheMigratingRole(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();
        if (provider == DatabaseProvider.Sqlite)
        {
            var tables = await db.Database.SqlQueryRaw<string>(
                "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5(%tokenize = ''trigram''%' ORDER BY name").ToListAsync();
            Assert.Equal(["mentor_search_fts", "mentor_search_words_fts"], tables);
            return;
        }

        // pg_trgm is trusted: the database's owner creates it in 0007. The test role (like CI's) is not a superuser, and
        // migrating as it succeeded: the extension belongs to that role.
        var owner = await db.Database.SqlQueryRaw<string>("""
            SELECT e.extowner::regrole::text AS "Value" FROM pg_extension e WHERE e.extname = 'pg_trgm' AND e.extowner::regrole::text = current_user
            """).ToListAsync();
        Assert.Single(owner);
    }

    private static async Task<List<string>> AllSlugsAsync(HttpClient client, string query)
    {
        var slugs = new List<string>();
        string? cursor = null;
        do
        {
            var page = await GetAsync(client, query + "&limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            slugs.AddRange(Slugs(page));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return slugs;
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object body, string token)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static System.Data.Common.DbConnection Open(TestDatabase database) => database.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(database.ConnectionString)
        : new Npgsql.NpgsqlConnection(database.ConnectionString);

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    // As an earlier release left it: reference data, an approved mentor with a subject, and the migrations it had.
    private static string ExistingMentorSqlite(string marker) => $"""
        CREATE TABLE schema_migrations (id TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);
        INSERT INTO schema_migrations SELECT column1, '2026-11-01 00:00:00' FROM (VALUES ('0001_foundation'), ('0002_jobs_and_mail'),
            ('0003_accounts'), ('0004_data_protection_keys'), ('0005_student_profiles'), ('0006_mentor_verification'));
        INSERT INTO languages VALUES ('en', 'English', 'English', 1);
        INSERT INTO subject_categories VALUES ('school-subjects', 'School Subjects', 1);
        INSERT INTO subjects VALUES ('school-physics', 'Physics (School)', 'school-subjects');
        INSERT INTO users (id, name, locale, time_zone, created_at, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES ('existing-user', 'Existing Mentor', 'en', 'Asia/Kolkata', '2026-11-01 00:00:00', 1, 0, 0, 0, 0);
        INSERT INTO mentor_profiles (id, user_id, slug, headline, bio, experience_years, expertise_areas, student_levels_served, primary_language,
            time_zone, country, verification_status, is_active, rating_average, rating_count, sessions_completed, created_at, updated_at,
            hourly_rate_amount_minor, hourly_rate_currency)
            VALUES ('0193A5E0-0000-7000-8000-000000000001', 'existing-user', 'existing-mentor', 'Physics teacher', 'I teach {marker}.', 4, '["Optics"]',
            1, 'en', 'Asia/Kolkata', 'IN', 'approved', 1, '4.5', 3, 0, '2026-11-01 00:00:00', '2026-11-01 00:00:00', 50000, 'INR');
        INSERT INTO mentor_subjects VALUES ('0193A5E0-0000-7000-8000-000000000001', 'school-physics');
        INSERT INTO mentor_languages VALUES ('0193A5E0-0000-7000-8000-000000000001', 'en');
        """;

    private static string ExistingMentorPostgres(string marker) => $"""
        CREATE TABLE schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL);
        INSERT INTO schema_migrations SELECT id, now() FROM unnest(ARRAY['0001_foundation', '0002_jobs_and_mail', '0003_accounts',
            '0004_data_protection_keys', '0005_student_profiles', '0006_mentor_verification']) AS id;
        INSERT INTO languages VALUES ('en', 'English', 'English', true);
        INSERT INTO subject_categories VALUES ('school-subjects', 'School Subjects', 1);
        INSERT INTO subjects VALUES ('school-physics', 'Physics (School)', 'school-subjects');
        INSERT INTO users (id, name, locale, time_zone, created_at, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            VALUES ('existing-user', 'Existing Mentor', 'en', 'Asia/Kolkata', now(), true, false, false, false, 0);
        INSERT INTO mentor_profiles (id, user_id, slug, headline, bio, experience_years, expertise_areas, student_levels_served, primary_language,
            time_zone, country, verification_status, is_active, rating_average, rating_count, sessions_completed, created_at, updated_at,
            hourly_rate_amount_minor, hourly_rate_currency)
            VALUES ('0193a5e0-0000-7000-8000-000000000001', 'existing-user', 'existing-mentor', 'Physics teacher', 'I teach {marker}.', 4, ARRAY['Optics'],
            1, 'en', 'Asia/Kolkata', 'IN', 'approved', true, 4.5, 3, 0, now(), now(), 50000, 'INR');
        INSERT INTO mentor_subjects VALUES ('0193a5e0-0000-7000-8000-000000000001', 'school-physics');
        INSERT INTO mentor_languages VALUES ('0193a5e0-0000-7000-8000-000000000001', 'en');
        """;
}
