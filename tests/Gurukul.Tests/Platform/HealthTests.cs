using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Gurukul.Tests.Platform;

public sealed class HealthTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task Live_WhileProcessRuns_ReturnsOk(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();

        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Theory, AllProviders]
    public async Task Ready_WhenDatabaseAnswers_ReturnsOk(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Theory, AllProviders]
    public async Task Ready_WhenDatabaseIsGone_Returns503Problem(DatabaseProvider provider)
    {
        await using var app = await GurukulApp.StartAsync(provider);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        await DestroyAsync(app.Database);
        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("The database did not answer.", problem.GetProperty("detail").GetString());
        Assert.Equal("ok", (await (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("status").GetString());
    }

    private static async Task DestroyAsync(TestDatabase database)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await TestDatabase.DropPostgresAsync(database.Name);
            return;
        }

        // Pooled connections would keep the old file open; a new connection finds garbage where the database was.
        SqliteConnection.ClearAllPools();
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        File.Delete(file + "-wal");
        File.Delete(file + "-shm");
        await File.WriteAllTextAsync(file, new string('x', 8192));
    }
}
