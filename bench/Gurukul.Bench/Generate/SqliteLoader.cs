using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Gurukul.Bench.Generate;

/// <summary>
/// One prepared INSERT per table, committed every <see cref="BatchSize"/> rows. While loading, the file is switched to
/// an in-memory rollback journal without fsync and foreign keys are off; <see cref="FinishAsync"/> restores WAL and
/// synchronous=NORMAL (what the app uses), runs <c>PRAGMA foreign_key_check</c> over everything and ANALYZE.
/// Values are written in the exact text forms EF Core's SQLite provider uses, so the app reads them back unchanged:
/// upper-case GUIDs, "yyyy-MM-dd HH:mm:ss.FFFFFFF" times, decimals as text, lists as JSON arrays.
/// </summary>
public sealed class SqliteLoader : IBulkLoader
{
    private const int BatchSize = 50_000;
    private readonly SqliteConnection _connection;

    private SqliteLoader(SqliteConnection connection) => _connection = connection;

    public static async Task<SqliteLoader> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        // The app's pooled connections keep the file open; the journal mode can only change when none is.
        SqliteConnection.ClearAllPools();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false, ForeignKeys = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var loader = new SqliteLoader(connection);
        var mode = await loader.ScalarAsync("PRAGMA journal_mode = MEMORY", cancellationToken);
        if (!string.Equals(mode, "memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new BenchException($"Could not switch the SQLite file to a memory journal for the load (it stayed '{mode}'): is the app running on it?");
        }

        await loader.ExecuteAsync("PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY", cancellationToken);
        return loader;
    }

    public async Task<long> LoadAsync<T>(Table<T> table, IEnumerable<T> items, CancellationToken cancellationToken)
    {
        await using var insert = _connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
        var parameters = table.Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        long written = 0;
        var transaction = _connection.BeginTransaction();
        try
        {
            insert.Transaction = transaction;
            insert.Prepare();
            foreach (var item in items)
            {
                foreach (var row in table.Rows(item))
                {
                    for (var i = 0; i < row.Length; i++)
                    {
                        parameters[i].Value = Stored(row[i], table.Columns[i].Type);
                    }

                    // SQLite has no asynchronous I/O; the async call only adds a task per row.
                    insert.ExecuteNonQuery();
                    if (++written % BatchSize == 0)
                    {
                        await transaction.CommitAsync(cancellationToken);
                        await transaction.DisposeAsync();
                        transaction = _connection.BeginTransaction();
                        insert.Transaction = transaction;
                    }
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await transaction.DisposeAsync();
        }

        return written;
    }

    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", cancellationToken);
        await using (var check = _connection.CreateCommand())
        {
            check.CommandText = "PRAGMA foreign_key_check";
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                throw new BenchException($"Loaded rows break a foreign key: table {reader.GetString(0)}, row {reader.GetValue(1)}, parent {reader.GetString(2)}.");
            }
        }

        await ExecuteAsync("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static object Stored(object? value, ColumnType type) => value switch
    {
        null => DBNull.Value,
        Guid guid => guid.ToString().ToUpperInvariant(),
        DateTime time => time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture),
        decimal number => number.ToString("0.0###########################", CultureInfo.InvariantCulture),
        bool flag => flag ? 1L : 0L,
        List<string> list when type == ColumnType.TextList => JsonSerializer.Serialize(list),
        int[] numbers when type == ColumnType.IntList => JsonSerializer.Serialize(numbers),
        _ => value,
    };

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<string?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
