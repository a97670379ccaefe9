using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Platform.Data;

/// <summary>
/// Applies the hand-written SQL migrations under <c>Migrations/{Sqlite,Postgres}</c> (embedded in the assembly) in
/// name order, each in its own transaction, recording them in <c>schema_migrations</c>. Safe to run from several
/// processes at once: PostgreSQL serialises runners with an advisory lock, SQLite with an immediate transaction.
/// See docs/adr/0002-hand-written-sql-migrations.md.
/// </summary>
public sealed partial class SchemaMigrator(GurukulDbContext db, DatabaseSettings settings, ILogger<SchemaMigrator> logger)
{
    // Any fixed 64-bit number works; it only has to be the same in every Gurukul process.
    private const long PostgresMigrationLockKey = 0x67757275_6b756c31;

    public static IReadOnlyList<Migration> All(DatabaseProvider provider)
    {
        var prefix = $"migrations/{provider.ToString().ToLowerInvariant()}/";
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return new Migration(Path.GetFileNameWithoutExtension(name[prefix.Length..]), reader.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>Brings the schema up to date and returns the ids of the migrations it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return settings.Provider == DatabaseProvider.Postgres
                ? await MigratePostgresAsync(connection, cancellationToken)
                : await MigrateSqliteAsync(connection, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IReadOnlyList<string>> MigratePostgresAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({PostgresMigrationLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL)", cancellationToken);
            var applied = new List<string>();
            foreach (var migration in All(DatabaseProvider.Postgres))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (await IsAppliedAsync(connection, transaction, migration.Id, cancellationToken))
                {
                    continue;
                }

                await ApplyAsync(connection, transaction, migration, "now()", cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                applied.Add(migration.Id);
            }

            return applied;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({PostgresMigrationLockKey})", CancellationToken.None);
        }
    }

    private async Task<IReadOnlyList<string>> MigrateSqliteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file, kept once set; it cannot be changed inside a transaction.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken);
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)", cancellationToken);
        var applied = new List<string>();
        foreach (var migration in All(DatabaseProvider.Sqlite))
        {
            // BEGIN IMMEDIATE takes the write lock up front, so two processes never apply the same script.
            await ExecuteAsync(connection, null, "BEGIN IMMEDIATE", cancellationToken);
            try
            {
                if (!await IsAppliedAsync(connection, null, migration.Id, cancellationToken))
                {
                    await ApplyAsync(connection, null, migration, "strftime('%Y-%m-%d %H:%M:%f', 'now')", cancellationToken);
                    applied.Add(migration.Id);
                }

                await ExecuteAsync(connection, null, "COMMIT", cancellationToken);
            }
            catch
            {
                await ExecuteAsync(connection, null, "ROLLBACK", CancellationToken.None);
                throw;
            }
        }

        return applied;
    }

    private async Task ApplyAsync(DbConnection connection, DbTransaction? transaction, Migration migration, string nowSql, CancellationToken cancellationToken)
    {
        LogApplying(logger, migration.Id);
        await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
        await using var record = connection.CreateCommand();
        record.Transaction = transaction;
        record.CommandText = $"INSERT INTO schema_migrations (id, applied_at) VALUES (@id, {nowSql})";
        AddParameter(record, "@id", migration.Id);
        await record.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE id = @id";
        AddParameter(command, "@id", id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = DbType.String;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying database migration {MigrationId}")]
    private static partial void LogApplying(ILogger logger, string migrationId);

    public sealed record Migration(string Id, string Sql);
}
