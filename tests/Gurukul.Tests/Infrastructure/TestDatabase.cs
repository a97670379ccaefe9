using Gurukul.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gurukul.Tests.Infrastructure;

/// <summary>A fresh, empty database for one app under test: a temporary SQLite file, or a new PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string connectionString, string name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string Name { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var name = $"gurukul_test_{Guid.NewGuid():N}";
        if (provider == DatabaseProvider.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "gurukul-tests");
            Directory.CreateDirectory(directory);
            return new TestDatabase(provider, $"Data Source={Path.Combine(directory, name + ".db")}", name);
        }

        var server = TestEnvironment.PostgresConnectionString
            ?? throw new InvalidOperationException(
                "CI=true requires PostgreSQL: set GURUKUL_TEST_POSTGRES to a connection string of a user allowed to create databases.");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        await DropPostgresAsync(Name);
    }

    /// <summary>
    /// Drops a PostgreSQL test database, ending any connection to it. An autovacuum worker busy on the freshly written
    /// database cannot be terminated by an unprivileged role (42501) and a new connection may race the drop (55006):
    /// both last milliseconds, so the drop is retried for a few seconds before the failure is reported.
    /// </summary>
    public static async Task DropPostgresAsync(string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException exception) when (exception.SqlState is "42501" or "55006" && attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }
}
