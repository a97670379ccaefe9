using Npgsql;
using NpgsqlTypes;

namespace Gurukul.Bench.Generate;

/// <summary>
/// Binary COPY into each table, all in one transaction (a failed run leaves nothing behind). Foreign keys and unique
/// indexes stay in force, so PostgreSQL itself checks what is loaded. Afterwards VACUUM ANALYZE, so the first benchmark
/// run sees fresh statistics and an up-to-date visibility map, as a long-running database would.
/// </summary>
public sealed class PostgresLoader : IBulkLoader
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;
    private readonly List<string> _tables = [];

    private PostgresLoader(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PostgresLoader> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0, Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var loader = new PostgresLoader(connection);
        loader._transaction = await connection.BeginTransactionAsync(cancellationToken);
        return loader;
    }

    public async Task<long> LoadAsync<T>(Table<T> table, IEnumerable<T> items, CancellationToken cancellationToken)
    {
        _tables.Add(table.Name);
        var types = table.Columns.Select(c => TypeOf(c.Type)).ToArray();
        await using var importer = await _connection.BeginBinaryImportAsync($"COPY {table.Name} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        // The synchronous writers: the importer buffers, and an awaited call per value costs more than the COPY itself.
        foreach (var item in items)
        {
            foreach (var row in table.Rows(item))
            {
                importer.StartRow();
                for (var i = 0; i < row.Length; i++)
                {
                    Write(importer, row[i], types[i]);
                }
            }
        }

        return (long)await importer.CompleteAsync(cancellationToken);
    }

    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await _transaction!.CommitAsync(cancellationToken);
        await using var vacuum = new NpgsqlCommand($"VACUUM (ANALYZE) {string.Join(", ", _tables.Distinct())}", _connection);
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    // Npgsql picks the writer from the column type given and the value's runtime type (string[] for text[] accepts a List).
    private static void Write(NpgsqlBinaryImporter importer, object? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }
    }

    private static NpgsqlDbType TypeOf(ColumnType type) => type switch
    {
        ColumnType.Uuid => NpgsqlDbType.Uuid,
        ColumnType.Timestamp => NpgsqlDbType.TimestampTz,
        ColumnType.Date => NpgsqlDbType.Date,
        ColumnType.Bool => NpgsqlDbType.Boolean,
        ColumnType.Int4 => NpgsqlDbType.Integer,
        ColumnType.Bigint => NpgsqlDbType.Bigint,
        ColumnType.Numeric => NpgsqlDbType.Numeric,
        ColumnType.TextList => NpgsqlDbType.Array | NpgsqlDbType.Text,
        ColumnType.IntList => NpgsqlDbType.Array | NpgsqlDbType.Integer,
        _ => NpgsqlDbType.Text,
    };
}
